//! The one integration test binary (ripgrep's layout): each area of
//! behaviour is a module.

mod cli;
mod corpus;
mod review;
mod util;
