//! Every public type can cross threads.

use partnerships::{date::*, money::*, *};

fn assert_send_sync<T: Send + Sync + Unpin + std::panic::UnwindSafe>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Error>();
    assert_send_sync::<ErrorKind>();
    assert_send_sync::<Currency>();
    assert_send_sync::<Money>();
    assert_send_sync::<MoneyBag>();
    assert_send_sync::<ExchangeRate>();
    assert_send_sync::<RateTable>();
    assert_send_sync::<Valuation>();
    assert_send_sync::<PartialDate>();
}

#[test]
fn small_values_stay_small() {
    assert_eq!(std::mem::size_of::<Currency>(), 2);
    assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    assert_eq!(std::mem::size_of::<Money>(), 20);
}
