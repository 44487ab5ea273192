"""The catalogue administrators maintain: departments, categories, support levels, customers'
services, and the channels each level includes."""
