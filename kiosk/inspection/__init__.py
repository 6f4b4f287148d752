"""Supplier inspections (飞行检查): checklist templates, answers saved at once, score and
verdict, signatures, submit (read-only, `inspection.submitted`), corrections as new
versions, and the PDF report. Qt-free; the screens are in ui/inspection/."""
