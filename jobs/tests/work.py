"""Functions the job tests run as background work."""

from jobs.services import JobRefused


def count_to(progress, n: int, fail: str = "") -> dict:
    for i in range(n):
        progress((i + 1) / n, f"step {i + 1}")
    if fail == "refused":
        raise JobRefused("Le fichier est introuvable.")
    if fail == "crash":
        raise ZeroDivisionError
    return {"message": f"counted to {n}"}
