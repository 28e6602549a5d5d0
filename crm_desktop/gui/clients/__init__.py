"""The investment manager's workspace: the client book and the client 360° view."""
