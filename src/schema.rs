//! JSON Schema descriptions of the types whose serde form is text checked by a constructor.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::date::{PartialDate, Period};
use crate::model::CountryCode;
use crate::money::Currency;

/// The schema of an identifier of one kind (see [`crate::id`]).
pub(crate) fn identifier(kind: &str) -> Schema {
    json_schema!({
        "type": "string",
        "description": format!("An {kind}: 1 to 128 ASCII letters, digits, '-', '_', '.', ':' or '/', starting with a letter or digit."),
        "pattern": "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"
    })
}

/// A decimal written as a string, as every amount of the format is.
pub(crate) struct DecimalString;

impl JsonSchema for DecimalString {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A decimal number written as a string: digits with an optional leading '-' and decimal point, at most 28 decimal places.",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = Currency::all().map(Currency::code).collect();
        json_schema!({
            "type": "string",
            "description": "An ISO 4217 currency code, current or historic.",
            "enum": codes
        })
    }
}

impl JsonSchema for CountryCode {
    fn schema_name() -> Cow<'static, str> {
        "CountryCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = crate::model::country_codes().collect();
        json_schema!({
            "type": "string",
            "description": "An ISO 3166-1 alpha-2 country code of the IATI Country codelist.",
            "enum": codes
        })
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An ISO 8601 date at its own precision: YYYY, YYYY-MM or YYYY-MM-DD.",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
        })
    }
}

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An ISO 8601 interval of partial dates, '..' for an open end: 2015/2019, 2017/.., ../2019.",
            "pattern": "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|\\.\\.)/([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|\\.\\.)$"
        })
    }
}
