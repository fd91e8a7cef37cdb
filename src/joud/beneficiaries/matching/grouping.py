"""Grouping candidate links into people, without chaining strangers through one record.

Candidate links above the threshold form components; a component of more than two records is
re-clustered with average linkage over all its pairs and never merges two clusters that contain a
decisive disagreement. Mixed into ``Detector``, whose ``w`` (weights), ``by_id`` and ``score`` it
uses for pairs that were not scored while finding.
"""

from __future__ import annotations

from collections import defaultdict

from joud.beneficiaries.matching.records import VETO, Link, pair_key


class Grouping:
    """Turns links into groups of records that are one person each."""

    @staticmethod
    def _components(known: dict[tuple[int, int], float]) -> list[list[int]]:
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in known:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
        components: dict[int, list[int]] = defaultdict(list)
        for x in list(parent):
            components[find(x)].append(x)
        return [sorted(c) for c in components.values()]

    def group(self, links: list[Link]) -> list[list[int]]:
        known = {pair_key(link.a, link.b): link.score for link in links}
        groups: list[list[int]] = []
        for members in self._components(known):
            if len(members) == 2:
                groups.append(members)
            else:
                groups.extend(self._average_linkage(members, known))
        return [g for g in groups if len(g) > 1]

    def _average_linkage(self, members: list[int], known: dict, level: int = 0) -> list[list[int]]:
        """Re-cluster one component: merge while the mean score between clusters clears the
        threshold and no pair across them is a decisive disagreement (a veto, or two different
        civil IDs on a pair that does not clear the threshold by itself)."""
        if len(members) > 150:
            # Pathological component: keep only its stronger links and split it again.
            inside = set(members)
            cut = self.w.threshold + 6 * (level + 1)
            strong = {k: s for k, s in known.items() if k[0] in inside and s >= cut}
            if level >= 3:
                return [[m] for m in members]
            out: list[list[int]] = []
            for group in self._components(strong):
                if len(group) == 2:
                    out.append(group)
                elif len(group) > 2:
                    out.extend(self._average_linkage(group, strong, level + 1))
            return out
        idx = {m: k for k, m in enumerate(members)}
        n = len(members)
        sim = [[0.0] * n for _ in range(n)]
        for a in members:
            for b in members:
                ia, ib = idx[a], idx[b]
                if ia < ib:
                    s = known.get(pair_key(a, b))
                    pa, pb = self.by_id[a], self.by_id[b]
                    if s is None:
                        s = self.score(pa, pb)
                    if s < self.w.threshold and self._compare_civil(pa, pb)[1] == -1:
                        s = min(s, VETO)  # two civil IDs that differ, and not one person by score
                    sim[ia][ib] = sim[ib][ia] = s
        clusters: list[list[int]] = [[k] for k in range(n)]
        while True:
            best, best_pair = None, None
            for x in range(len(clusters)):
                for y in range(x + 1, len(clusters)):
                    scores = [sim[p][q] for p in clusters[x] for q in clusters[y]]
                    if min(scores) <= VETO / 2:
                        continue
                    avg = sum(scores) / len(scores)
                    if avg >= self.w.threshold and (best is None or avg > best):
                        best, best_pair = avg, (x, y)
            if best_pair is None:
                break
            x, y = best_pair
            clusters[x] = clusters[x] + clusters[y]
            del clusters[y]
        return [sorted(members[k] for k in c) for c in clusters]
