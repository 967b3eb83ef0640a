from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Refuse passwords longer than 64 characters (hashing huge inputs costs time)."""

    max_length = 64

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is too long: use at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters long."
