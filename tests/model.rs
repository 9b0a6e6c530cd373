mod dates;
mod figures;
mod ids;
mod queries;
mod rules;
mod seed;
