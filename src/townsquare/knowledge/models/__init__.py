"""Knowledge models, one submodule per area. Helper A owns common, questions, moderation and
reuses; helper B owns guides, communities and requests. Import every model here."""

from .common import Comment, Hideable, Revision, Tag, Vote
from .moderation import Report
from .questions import Answer, Question, QuestionTerm
from .reuses import Reuse

__all__ = [
    "Answer",
    "Comment",
    "Hideable",
    "Question",
    "QuestionTerm",
    "Report",
    "Reuse",
    "Revision",
    "Tag",
    "Vote",
]
