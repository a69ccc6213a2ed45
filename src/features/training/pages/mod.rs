//! The training pages, one file per audience.
mod manage;
mod public;
mod seeker;

pub use manage::{CompanyTrainingPage, OfficerTrainingPage};
pub use public::{ProgrammePageView, TrainingCataloguePage, VerifyTrainingPage};
pub use seeker::MyTrainingPage;
