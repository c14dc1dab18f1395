"""The Local Government Transparency Code: bundled schemas, the register of Code datasets,
dataset series that grow by one file per period, and the public spend analysis."""
