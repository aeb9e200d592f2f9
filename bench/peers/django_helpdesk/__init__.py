"""django-helpdesk 2.x beside Sunrelay: see run.py."""
