"""Views of the standardized service flow: the agenda, the touch form, compliance, the plan editor."""
