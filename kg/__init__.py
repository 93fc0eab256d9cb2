"""yilian (医联图谱): China's hospital partnerships as a knowledge graph, read from news articles."""

__version__ = "0.1.0"
