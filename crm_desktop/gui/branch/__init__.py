"""Qt views of the branch manager's workspace: approvals, dashboard, departure, suggestions."""
