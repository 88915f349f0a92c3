"""Exports for people and auditors: the shortlist workbook and CSV, the audit record, verify."""
