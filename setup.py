"""Only what pyproject.toml cannot say: the discovered packages plus the two mapped data packages."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["crm_desktop", "crm_desktop.*"]),
        "crm_desktop._resources",
        "crm_desktop._migrations",
    ]
)
