"""Streamlit glue shared by the page scripts: the view and session, sign-in forms, conflict tables, inputs.

The layers are ``pages`` → ``ui`` → ``parindex``: a page reads its widgets and calls the core through these
helpers; nothing here decides a rule of the domain, and nothing in ``parindex`` imports Streamlit.
"""
