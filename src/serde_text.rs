//! Serde through text: values that have a validated text form are (de)serialised as strings, and
//! decimals never travel as JSON numbers.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};

use crate::error::Error;

/// Deserialises a `T` from a string through its `FromStr`, refusing numbers and every other type.
pub(crate) fn deserialize_from_str<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: FromStr<Err = Error>,
{
    let visitor = TextVisitor {
        expecting,
        marker: PhantomData,
    };
    // A self-describing format shows a number to the visitor, which refuses it with advice;
    // a compact binary format has only strings here.
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(visitor)
    } else {
        deserializer.deserialize_str(visitor)
    }
}

struct TextVisitor<T> {
    expecting: &'static str,
    marker: PhantomData<T>,
}

impl<T: FromStr<Err = Error>> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<T, E> {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| E::invalid_value(de::Unexpected::Bytes(bytes), &self))?;
        self.visit_str(text)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        Err(number_error(self.expecting, value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        Err(number_error(self.expecting, value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        Err(number_error(self.expecting, value))
    }
}

fn number_error<E: de::Error>(expecting: &str, value: impl fmt::Display) -> E {
    E::custom(format_args!(
        "found the number {value} where {expecting} is expected: write it as a string, in quotes"
    ))
}

/// Parses a decimal written as digits with an optional leading `-` and one decimal point, nothing
/// else (no exponent, no `+`, no separators, no spaces), exactly: text that a decimal cannot hold
/// without rounding is an error.
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, Error> {
    const EXPECTED: &str =
        "expected digits with an optional leading '-' and decimal point, as in \"-1234.50\"";
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = !whole.is_empty()
        && all_digits(whole)
        && fraction.is_none_or(|f| !f.is_empty() && all_digits(f));
    if !well_formed {
        return Err(Error::parse("amount", text, EXPECTED));
    }
    Decimal::from_str_exact(text).map_err(|_| {
        Error::parse(
            "amount",
            text,
            "a decimal holds at most 28 decimal places and magnitudes below 7.9e28",
        )
    })
}

/// `#[serde(with = "decimal_text")]`: a `Decimal` as a JSON string such as `"0.8498"`.
pub(crate) mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// A wrapper whose `FromStr` is the strict [`super::parse_decimal`].
    struct Strict(Decimal);

    impl std::str::FromStr for Strict {
        type Err = crate::error::Error;
        fn from_str(text: &str) -> Result<Strict, crate::error::Error> {
            super::parse_decimal(text).map(Strict)
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        super::deserialize_from_str(deserializer, "a decimal string such as \"1880000000.00\"")
            .map(|Strict(value)| value)
    }
}

/// `#[serde(with = "option_decimal_text")]`: an optional `Decimal` as a string or null.
#[cfg_attr(not(feature = "iati"), allow(dead_code))]
pub(crate) mod option_decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    struct Text(#[serde(with = "super::decimal_text")] Decimal);

    // serde's `with` passes a reference to the field, which is an `Option`.
    #[allow(clippy::ref_option)]
    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Option::<Text>::deserialize(deserializer).map(|text| text.map(|Text(value)| value))
    }
}
