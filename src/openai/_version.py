__title__ = "openai"
__version__ = "2.38.0"
