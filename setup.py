"""What pyproject.toml cannot say: the top-level templates/ folder ships as the
package bocompile.templates (the defaults), beside the code in compiler/."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("compiler"), "bocompile.templates"],
    package_dir={"": "compiler", "bocompile.templates": "templates"},
)
