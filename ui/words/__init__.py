"""Codes to words: one module per area turns the core's and the drivers' codes with
parameters into QCoreApplication.translate(context, "English source") text (zh_CN default).
No English reaches a Chinese screen: every word a person reads goes through here or tr()."""
