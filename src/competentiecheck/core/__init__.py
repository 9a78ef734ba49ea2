"""Infrastructure shared by every step: paths, errors, parameters, readers, tables, figures and outputs."""
