"""Everything Dash: component ids, the validated view state, figures, layout, callbacks."""
