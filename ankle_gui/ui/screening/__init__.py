"""The Test page: the guided test of both ankles, its results and the plan they give."""
