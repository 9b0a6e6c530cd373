//! Every public type can cross threads, and its size is what it was: a change to either is a
//! decision, not an accident.

use partnerships::*;

/// Asserts, for each type, that it is `Send`, `Sync`, `Unpin` and `UnwindSafe`, and its size on
/// a 64-bit target.
macro_rules! public_types {
    ($($ty:ty => $size:expr,)*) => {
        public_types!(public_types_are_send_and_sync, public_types_keep_their_sizes; $($ty => $size,)*);
    };
    ($send_sync:ident, $sizes:ident; $($ty:ty => $size:expr,)*) => {
        #[test]
        fn $send_sync() {
            fn assert_send_sync<T: Send + Sync + Unpin + std::panic::UnwindSafe>() {}
            $(assert_send_sync::<$ty>();)*
        }

        #[test]
        #[cfg(target_pointer_width = "64")]
        fn $sizes() {
            let mut changed = Vec::new();
            $(
                let size = std::mem::size_of::<$ty>();
                if size != $size {
                    changed.push(format!("{}: {size} bytes, not {}", stringify!($ty), $size));
                }
            )*
            assert!(changed.is_empty(), "{changed:#?}");
        }
    };
}

public_types! {
        analysis::convention::Convention => 8,
        analysis::convention::Fallback => 8,
        analysis::convention::Rates<'static> => 304,
        analysis::convention::Reason => 1,
        analysis::convention::Unconvertible => 48,
        analysis::convention::Valued => 144,
        analysis::convention::Valuer<'static> => 112,
        analysis::flat::Flag => 2,
        analysis::flat::FlatActivity => 168,
        analysis::flat::FlatItem => 224,
        analysis::flat::FlatReport => 112,
        analysis::flat::FlatRow => 224,
        analysis::flat::Flattener<'static> => 400,
        analysis::flat::LeftOut => 1,
        analysis::flat::TransactionTypes => 1,
        analysis::links::Action => 160,
        analysis::links::Amount => 96,
        analysis::links::Broken => 168,
        analysis::links::BrokenReason => 1,
        analysis::links::Check => 1,
        analysis::links::CitedBy => 32,
        analysis::links::Comparison => 136,
        analysis::links::CountedFrom => 1,
        analysis::links::Direction => 1,
        analysis::links::Finding => 32,
        analysis::links::Funding => 280,
        analysis::links::FundingTotals => 160,
        analysis::links::Grade => 1,
        analysis::graph::Graph => 48,
        analysis::graph::GraphEdge => 104,
        analysis::graph::GraphNode => 56,
        analysis::links::IdMatch => 1,
        analysis::links::InternalCitations => 16,
        analysis::links::Link => 336,
        analysis::links::LinkOptions => 20,
        analysis::links::Linker => 192,
        analysis::links::Links => 88,
        analysis::graph::NodeKind => 1,
        analysis::links::Path => 72,
        analysis::links::PortfolioCheck => 592,
        analysis::links::Signal => 1,
        analysis::links::Trace => 104,
        analysis::partners::Evidence => 16,
        analysis::partners::MatchedBy => 1,
        analysis::partners::Partners => 144,
        analysis::totals::Flow => 32,
        analysis::totals::FlowValue => 56,
        analysis::totals::Totals => 24,
        analysis::totals::ValuedTotals => 64,
        dataset::Dataset => 2056,
        dataset::Involvement<'static> => 32,
        dataset::MeetingSeries<'static> => 48,
        dataset::SeriesEntry<'static> => 16,
        date::DatePrecision => 1,
        date::PartialDate => 12,
        date::Period => 24,
        Error => 8,
        ErrorKind => 1,
        figure::Bound => 28,
        figure::Comparator => 1,
        figure::Derivation => 48,
        figure::Figure => 256,
        figure::FigureBuilder => 256,
        figure::FigureValue => 24,
        figure::Quantity => 52,
        figure::Source => 136,
        figure::Subject => 32,
        figure::Unit => 24,
        formats::flat::Column => 64,
        formats::flat::ColumnType => 8,
        formats::iati::code::Code => 24,
        formats::iati::code::Codelist => 1,
        formats::iati::code::ActivityDateType => 24,
        formats::iati::code::ActivityScope => 24,
        formats::iati::code::ActivityStatus => 24,
        formats::iati::code::AidType => 24,
        formats::iati::code::BudgetStatus => 24,
        formats::iati::code::BudgetType => 24,
        formats::iati::code::CollaborationType => 24,
        formats::iati::code::DescriptionType => 24,
        formats::iati::code::FinanceType => 24,
        formats::iati::code::FlowType => 24,
        formats::iati::code::HumanitarianScopeType => 24,
        formats::iati::code::IndicatorMeasure => 24,
        formats::iati::code::OrganisationRole => 24,
        formats::iati::code::OrganisationType => 24,
        formats::iati::code::PolicySignificance => 24,
        formats::iati::code::RegionVocabulary => 24,
        formats::iati::code::RelatedActivityType => 24,
        formats::iati::code::ResultType => 24,
        formats::iati::code::SectorVocabulary => 24,
        formats::iati::code::TiedStatus => 24,
        formats::iati::code::TransactionType => 24,
        formats::iati::convert::MappingReport => 80,
        formats::iati::convert::ModelBuilder => 2328,
        formats::iati::records::Activity => 1592,
        formats::iati::records::ActivityBudget => 136,
        formats::iati::records::ActivityDate => 56,
        formats::iati::records::ActivityResult => 152,
        formats::iati::records::BudgetLine => 128,
        formats::iati::records::Coded => 144,
        formats::iati::records::Condition => 48,
        formats::iati::records::Conditions => 32,
        formats::iati::records::ContactInfo => 216,
        formats::iati::records::CountryBudgetItems => 48,
        formats::iati::records::CrsAdd => 504,
        formats::iati::records::Description => 48,
        formats::iati::records::DocumentLink => 176,
        formats::iati::records::Fss => 56,
        formats::iati::records::HumanitarianScope => 168,
        formats::iati::records::IatiOrganisation => 376,
        formats::iati::records::Indicator => 176,
        formats::iati::records::LegacyData => 72,
        formats::iati::records::LoanStatus => 352,
        formats::iati::records::Location => 288,
        formats::iati::records::Narrative => 48,
        formats::iati::records::OrgBudget => 376,
        formats::iati::records::OrgRef => 96,
        formats::iati::records::OtherIdentifier => 144,
        formats::iati::records::ParticipatingOrg => 144,
        formats::iati::records::PlannedDisbursement => 304,
        formats::iati::records::Point => 48,
        formats::iati::records::RelatedActivity => 48,
        formats::iati::records::ReportingOrg => 104,
        formats::iati::records::ResultPeriod => 56,
        formats::iati::records::ResultValue => 168,
        formats::iati::records::Transaction => 544,
        formats::iati::records::Value => 80,
        id::AppointmentId => 24,
        id::FigureId => 24,
        id::FrameworkId => 24,
        id::FundId => 24,
        id::MeetingId => 24,
        id::OfficialId => 24,
        id::OrganisationId => 24,
        id::OrganisationIdentifier => 48,
        id::OutcomeId => 24,
        id::PortfolioId => 24,
        id::PostId => 24,
        id::ProgrammeId => 24,
        id::SourceId => 24,
        model::Appointment => 152,
        model::Attestation => 32,
        model::Budget => 32,
        model::Capacity => 1,
        model::CountryCode => 2,
        model::DocumentRef => 88,
        model::Framework => 160,
        model::Fund => 120,
        model::Funder => 32,
        model::Meeting => 168,
        model::MeetingBuilder => 168,
        model::MeetingMode => 1,
        model::Official => 72,
        model::Organisation => 216,
        model::OrganisationKind => 1,
        model::OutcomeMetric => 176,
        model::ParentLink => 48,
        model::Participant => 80,
        model::Portfolio => 168,
        model::Post => 96,
        model::Programme => 312,
        model::ProgrammeBuilder => 312,
        model::ProgrammeStatus => 1,
        model::ResultLevel => 1,
        model::Succession => 40,
        money::Conversion => 120,
        money::Currency => 2,
        money::DatePolicy => 8,
        money::ExchangeRate => 80,
        money::Frequency => 1,
        money::Grouped => 20,
        money::Human => 24,
        money::Money => 20,
        money::MoneyBag => 24,
        money::Quotation => 1,
        money::RatePeriod => 8,
        money::RateSeries => 80,
        money::RateKind => 1,
        money::RateTable => 64,
        money::RoundTo => 8,
        money::Rounding => 12,
        money::RoundingMode => 1,
        money::RouteStep => 56,
        money::SeriesRate => 52,
        money::Valuation => 48,
        validate::Problem => 56,
        validate::Report => 24,
        validate::Rule => 1,
        validate::Severity => 1,
}

#[cfg(feature = "csv")]
mod rates {
    public_types!(rate_file_types_are_send_and_sync, rate_file_types_keep_their_sizes;
        partnerships::formats::rates::RateFile => 80,
    );
}

#[cfg(feature = "csv")]
mod flat_csv {
    public_types!(csv_rows_are_send_and_sync, csv_rows_keep_their_sizes;
        partnerships::formats::flat::CsvRows<Vec<u8>> => 440,
    );
}

#[cfg(feature = "parquet")]
mod flat_parquet {
    public_types!(parquet_types_are_send_and_sync, parquet_types_keep_their_sizes;
        partnerships::formats::flat::Partitioning => 1,
    );

    /// The writer holds the `parquet` crate's encoders, which are neither `Sync` nor
    /// `UnwindSafe`: it moves to a writer thread, it is not shared.
    #[test]
    fn the_parquet_writer_moves_between_threads() {
        fn send<T: Send>() {}
        send::<partnerships::formats::flat::ParquetRows>();
        #[cfg(target_pointer_width = "64")]
        assert_eq!(
            std::mem::size_of::<partnerships::formats::flat::ParquetRows>(),
            168
        );
    }
}

#[cfg(feature = "iati")]
mod iati {
    public_types!(reader_types_are_send_and_sync, reader_types_keep_their_sizes;
        partnerships::formats::iati::Limits => 48,
        partnerships::formats::iati::Record => 16,
        partnerships::formats::iati::ImportReport => 184,
        partnerships::formats::iati::Diagnostic => 96,
        partnerships::formats::iati::DiagnosticKind => 1,
        partnerships::formats::iati::read::FileOutcome => 1,
    );
}

#[cfg(feature = "iati")]
#[test]
fn the_iati_reader_moves_between_threads_but_is_not_shared() {
    /// Compiles only when `T` is not `Sync`: two impls of the same method, one of them for
    /// `Sync` types only, make the call ambiguous exactly when `T` is `Sync`.
    trait AmbiguousIfSync<A> {
        fn check() {}
    }
    impl<T: ?Sized> AmbiguousIfSync<()> for T {}
    struct IsSync;
    impl<T: ?Sized + Sync> AmbiguousIfSync<IsSync> for T {}

    type Reader = partnerships::formats::iati::IatiReader<&'static [u8]>;
    fn assert_send<T: Send>() {}
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send::<Reader>();
    <Reader as AmbiguousIfSync<_>>::check();
    assert_send_sync::<partnerships::formats::iati::IatiWriter<Vec<u8>>>();
}

#[test]
fn small_values_stay_small() {
    assert_eq!(std::mem::size_of::<Currency>(), 2);
    assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    assert_eq!(std::mem::size_of::<Money>(), 20);
}
