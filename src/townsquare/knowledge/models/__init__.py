"""Knowledge models, one submodule per area. Helper A owns common, questions, moderation and
reuses; helper B owns guides, communities and requests. Import every model here."""

from .common import Comment, Hideable, Revision, Tag, Vote
from .communities import Community, CommunityMembership, Discussion, Event, JoinRequest, Pin
from .guides import Guide
from .moderation import Report
from .questions import Answer, Question, QuestionTerm
from .requests import DataRequest, DataRequestUpdate
from .reuses import Reuse

__all__ = [
    "Answer",
    "Comment",
    "Community",
    "CommunityMembership",
    "DataRequest",
    "DataRequestUpdate",
    "Discussion",
    "Event",
    "Guide",
    "Hideable",
    "JoinRequest",
    "Pin",
    "Question",
    "QuestionTerm",
    "Report",
    "Reuse",
    "Revision",
    "Tag",
    "Vote",
]
