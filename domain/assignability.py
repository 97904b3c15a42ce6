"""Rule 3: a person is assigned to work (a team, the ketua's post, an approved voluntary
application) only after their kedudukan is set, and so their jabatan and their Pejabat Penilai
Kinerja are on record (Dharmasraya, HSU, Surakarta; Badung Lamp. I and Banten: "Penugasan
tersebut dilakukan setelah penetapan kedudukan"). Pure: the caller supplies the Employee."""
from __future__ import annotations

from domain.errors import DomainError
from domain.org import Employee


def require_kedudukan(employee: Employee) -> None:
    """Raise DomainError('assignee_has_no_rater') unless the jabatan and the rater are recorded."""
    if employee.rater_id is None or not employee.jabatan_name.strip():
        raise DomainError("assignee_has_no_rater", name=employee.name)
