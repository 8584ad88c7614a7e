"""The floor any Typer CLI pays: a one-command Typer app that prints one line."""

import typer

app = typer.Typer(add_completion=True, pretty_exceptions_enable=False)


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
