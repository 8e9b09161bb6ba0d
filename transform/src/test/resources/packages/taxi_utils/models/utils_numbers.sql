select n from generate_series(1, {{ var('number_count') }}) as n
