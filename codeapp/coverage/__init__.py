"""Coverage of confirmations per unit: figures, who sees them, pages and exports."""
