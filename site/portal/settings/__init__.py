"""Settings modules: `base` reads every environment variable; `local` is the embedded default
(`make run`), `test` is for pytest, `production` refuses to start without real secrets and services.
"""
