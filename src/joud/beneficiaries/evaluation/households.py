"""The synthetic population: households of people who really exist, with look-alikes built in
(twins, brothers, a son named after his grandfather, namesakes in another wilayat)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from joud.beneficiaries.evaluation.names import (
    FAM_N,
    FAM_W,
    FEMALE_N,
    FEMALE_W,
    MALE_N,
    MALE_W,
    TWIN_NAMES,
    TWIN_NAMES_F,
    WILAYATS,
)


@dataclass
class Person:
    pid: int
    sex: str
    given: str
    father: str
    grandfather: str
    family: str
    year: int
    month: int
    day: int
    civil_id: str
    phone: str
    wilayat: str
    guardian_civil: str = ""  # a child's: the head of the household's civil ID
    mother_phone: str = ""  # a child's: the mother's own phone, when it is not the household's


class World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pid = 0
        self.civil = rng.randint(10_000_000, 20_000_000)
        # Pairs of different people built to look alike: kind -> [(person id, person id)].
        self.hard: dict[str, list[tuple[int, int]]] = {
            "twins": [],
            "siblings": [],
            "grandfather_grandson": [],
            "namesakes": [],
        }

    def person(self, sex, given, father, grandfather, family, year, phone, wilayat, *, dob=None):
        self.pid += 1
        self.civil += self.rng.randint(1, 40)
        rng = self.rng
        month, day = dob if dob else (rng.randint(1, 12), rng.randint(1, 28))
        return Person(
            self.pid,
            sex,
            given,
            father,
            grandfather,
            family,
            year,
            month,
            day,
            str(self.civil),
            phone,
            wilayat,
        )

    def male(self, avoid=()):
        while True:
            name = self.rng.choices(MALE_N, MALE_W)[0]
            if name not in avoid:
                return name

    def female(self, avoid=()):
        while True:
            name = self.rng.choices(FEMALE_N, FEMALE_W)[0]
            if name not in avoid:
                return name

    def phone(self):
        return f"9{self.rng.randint(0, 9_999_999):07d}"

    def household(self, *, template: list[Person] | None = None) -> list[Person]:
        """A household; with ``template``, namesakes of it in another wilayat."""
        rng = self.rng
        wilayat = rng.choice(WILAYATS)
        phone = self.phone()
        if template:
            out = []
            for p in template:
                if template[0].wilayat == wilayat:
                    wilayat = rng.choice([w for w in WILAYATS if w != p.wilayat])
                out.append(
                    self.person(
                        p.sex,
                        p.given,
                        p.father,
                        p.grandfather,
                        p.family,
                        p.year + rng.choice([-7, -3, -2, 2, 4, 9]),
                        phone,
                        wilayat,
                    )
                )
                self.hard["namesakes"].append((p.pid, out[-1].pid))
            return out
        family = rng.choices(FAM_N, FAM_W)[0]
        head_father = self.male()
        head_grandfather = self.male()
        head_given = self.male(avoid=(head_father,))
        head_year = rng.randint(1950, 1995)
        members = []
        if rng.random() < 0.12:  # a widow heads the household
            head = self.person(
                "f",
                self.female(),
                head_father,
                head_grandfather,
                family,
                head_year,
                phone,
                wilayat,
            )
            dad = self.male(avoid=(head_father,))
            kids_father, kids_grandfather = dad, self.male()
            kids_family = rng.choices(FAM_N, FAM_W)[0]
        else:
            head = self.person(
                "m", head_given, head_father, head_grandfather, family, head_year, phone, wilayat
            )
            kids_father, kids_grandfather, kids_family = head_given, head_father, family
            if rng.random() < 0.8:
                members.append(
                    self.person(
                        "f",
                        self.female(),
                        self.male(),
                        self.male(),
                        rng.choices(FAM_N, FAM_W)[0],
                        head_year + rng.randint(-2, 8),
                        phone if rng.random() < 0.6 else self.phone(),
                        wilayat,
                    )
                )
            if rng.random() < 0.12:  # the grandfather lives with them
                members.append(
                    self.person(
                        "m",
                        head_father,
                        head_grandfather,
                        self.male(),
                        family,
                        head_year - rng.randint(22, 35),
                        phone,
                        wilayat,
                    )
                )
        grandpa = next((m for m in members if m.given == kids_grandfather and m.sex == "m"), None)
        members.insert(0, head)
        kids: list[Person] = []
        n_kids = rng.choice([0, 1, 2, 2, 3, 3, 4, 5])
        used: set[str] = set()
        for k in range(n_kids):
            year = min(2024, head_year + rng.randint(20, 38))
            sex = rng.choice("mf")
            if k == 0 and sex == "m" and rng.random() < 0.25:
                given = kids_grandfather  # named after his grandfather
            elif sex == "m":
                given = self.male(avoid=used | {kids_father})
            else:
                given = self.female(avoid=used)
            used.add(given)
            kid = self.person(
                sex, given, kids_father, kids_grandfather, kids_family, year, phone, wilayat
            )
            members.append(kid)
            if grandpa is not None and given == grandpa.given:
                self.hard["grandfather_grandson"].append((grandpa.pid, kid.pid))
            kids.append(kid)
        if rng.random() < 0.10:  # twins with look-alike names
            year = min(2024, head_year + rng.randint(20, 38))
            dob = (rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.75:
                a, b = rng.choice([t for t in TWIN_NAMES if not used & set(t)] or TWIN_NAMES[:1])
                sex = "m"
            else:
                a, b = rng.choice(TWIN_NAMES_F)
                sex = "f"
            twins = []
            for given in (a, b):
                twins.append(
                    self.person(
                        sex,
                        given,
                        kids_father,
                        kids_grandfather,
                        kids_family,
                        year,
                        phone,
                        wilayat,
                        dob=dob,
                    )
                )
            members.extend(twins)
            self.hard["twins"].append((twins[0].pid, twins[1].pid))
            kids.extend(twins)
        kid_ids = {id(k) for k in kids}
        spouse = next((m for m in members[1:] if m.sex == "f" and id(m) not in kid_ids), None)
        for kid in kids:
            kid.guardian_civil = head.civil_id
            if spouse is not None and spouse.phone != phone:
                kid.mother_phone = spouse.phone
        for i, x in enumerate(kids):
            for y in kids[i + 1 :]:
                if x.sex == y.sex:
                    self.hard["siblings"].append((x.pid, y.pid))
        return members
