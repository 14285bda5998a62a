"""The exception tree. Every message names the offending value and says what to do."""


class AssistantError(Exception):
    """Base class for every error the assistant raises on purpose."""


class ConfigError(AssistantError):
    """A setting has a value the assistant cannot use."""


class QuestionError(AssistantError):
    """A question cannot be answered as given (empty, too long, wrong type...)."""


class IngestError(AssistantError):
    """A knowledge file or directory cannot be ingested."""


class StoreError(AssistantError):
    """The Chroma store cannot be opened, read or written."""


class EmbedderError(AssistantError):
    """The configured embedder cannot be loaded or run."""


class StoreDamaged(StoreError):
    """The data folder holds an assistant store that cannot be opened: it is moved aside."""
