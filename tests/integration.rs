//! The one integration test binary (ripgrep's layout): each area of
//! behaviour is a module.

mod adversarial;
mod cli;
mod corpus;
mod properties;
mod review;
mod util;
