"""What administrators maintain: staff, departments, categories, support levels, customers."""
