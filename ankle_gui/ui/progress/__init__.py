"""The Progress page: charts per side, tables, the printed report and CSV actions."""
