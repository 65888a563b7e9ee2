"""Groups of similar units by their field profile, described in words, and a PCA map of units.

A unit's profile is the share of each field's applicable maximum it achieved, so a field worth 16
points and one worth 7 weigh alike, and a not-applicable sub-criterion does not count against a
unit. Profiles are standardised; the number of groups (2 … 6) is the one with the best silhouette
score. Groups are numbered from the best mean index down and described by the fields where their
mean share stands out from all units' mean (by more than half a standard deviation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from parindex.i18n import t
from parindex.scoring import Scores, field_shares

METHODS = ("kmeans", "agglomerative")
MAX_GROUPS = 6
STANDOUT = 0.5  # standard deviations from the mean of all units that make a field a strength or weakness
NAMED = 3  # at most this many strengths and weaknesses are named


def profiles(scores: Scores) -> pd.DataFrame:
    """Units × fields: the share (0..1) of each field's applicable maximum; a field with nothing applicable → mean."""
    shares = field_shares(scores)
    frame = pd.DataFrame(shares, columns=[f.id for f in scores.compiled.criteria_set.fields])
    return frame.fillna(frame.mean()).fillna(0.0)


def _labels(features: np.ndarray, k: int, method: str, seed: int) -> np.ndarray:
    if method == "agglomerative":
        return AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(features)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(features)


def choose_groups(
    features: np.ndarray, method: str = "kmeans", max_groups: int = MAX_GROUPS, seed: int = 0
) -> tuple[np.ndarray, pd.DataFrame]:
    """Cluster the rows of ``features`` for k = 2 … max_groups and keep the k with the best silhouette.

    Returns the labels (0 … k−1) and the silhouette of every k tried (columns k, silhouette).
    Fewer than 4 distinct rows cannot be split meaningfully: one group.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    n = features.shape[0]
    distinct = len(np.unique(np.round(features, 9), axis=0)) if n else 0
    tried = []
    best_labels, best_score = np.zeros(n, dtype=int), -np.inf
    for k in range(2, min(max_groups, distinct - 1) + 1):
        labels = _labels(features, k, method, seed)
        if len(np.unique(labels)) < 2:
            continue
        value = float(silhouette_score(features, labels))
        tried.append({"k": k, "silhouette": value})
        if value > best_score + 1e-12:
            best_labels, best_score = labels, value
    return best_labels, pd.DataFrame(tried, columns=["k", "silhouette"])


@dataclass(frozen=True)
class Groups:
    """Group of every unit (1 = best mean index), how each group differs, and the silhouette per k."""

    units: pd.DataFrame  # unit, rank, index, group
    summary: pd.DataFrame  # group, units, mean_index, description, and the mean share of every field
    silhouettes: pd.DataFrame
    method: str


def _standing(z: np.ndarray, names: list[str], lang: str) -> str:
    # field names hold commas themselves ("Xây dựng, phát triển Chính quyền số"), so they are joined with "; "
    strong = "; ".join(names[j] for j in np.argsort(-z, kind="stable")[:NAMED] if z[j] > STANDOUT)
    weak = "; ".join(names[j] for j in np.argsort(z, kind="stable")[:NAMED] if z[j] < -STANDOUT)
    if strong and weak:
        return t("analysis.group_strong_weak", lang, strong=strong, weak=weak)
    if strong:
        return t("analysis.group_strong", lang, strong=strong)
    if weak:
        return t("analysis.group_weak", lang, weak=weak)
    return t("analysis.group_average", lang)


def describe_groups(shares: pd.DataFrame, labels: np.ndarray, names: list[str], lang: str = "vi") -> list[str]:
    """One sentence per group label (0 … k−1): the fields where its mean share stands out."""
    mean, spread = shares.mean().to_numpy(), shares.std(ddof=0).replace(0, np.nan).to_numpy()
    sentences = []
    for label in range(int(labels.max(initial=0)) + 1):
        z = np.nan_to_num((shares[labels == label].mean().to_numpy() - mean) / spread)
        sentences.append(_standing(z, names, lang))
    return sentences


def find_groups(scores: Scores, method: str = "kmeans", seed: int = 0, lang: str = "vi") -> Groups:
    """Groups of the units of ``scores`` (one unit type) by field profile; see the module docstring."""
    shares = profiles(scores)
    features = StandardScaler().fit_transform(shares.to_numpy()) if len(shares) else np.zeros((0, shares.shape[1]))
    labels, silhouettes = choose_groups(features, method, seed=seed)
    # number groups from the best mean index down, so "Nhóm 1" is always the strongest
    index = pd.Series(scores.index).fillna(-1.0)
    order = index.groupby(labels).mean().sort_values(ascending=False).index.tolist()
    renumber = {old: new for new, old in enumerate(order)}
    labels = np.array([renumber[label] for label in labels], dtype=int)
    names = [f.label(lang) for f in scores.compiled.criteria_set.fields]
    sentences = describe_groups(shares, labels, names, lang)
    summary = shares.groupby(labels).mean()
    summary.columns = [f"share_{c}" for c in summary.columns]
    summary.insert(0, "description", sentences)
    summary.insert(0, "mean_index", pd.Series(scores.index).groupby(labels).mean())
    summary.insert(0, "units", np.bincount(labels))
    summary.insert(0, "group", summary.index + 1)
    units = pd.DataFrame(
        {"unit": scores.units["unit"], "rank": scores.rank, "index": scores.index, "group": labels + 1}
    ).sort_values(["group", "rank"], kind="stable")
    return Groups(units.reset_index(drop=True), summary.reset_index(drop=True), silhouettes, method)


def pca_map(scores: Scores) -> tuple[pd.DataFrame, np.ndarray]:
    """Two principal components of the standardised field profiles: x, y per unit, and the variance each explains."""
    features = StandardScaler().fit_transform(profiles(scores).to_numpy())
    components = min(2, *features.shape)
    pca = PCA(n_components=components, random_state=0)
    coordinates = pca.fit_transform(features)
    if components < 2:
        coordinates = np.column_stack([coordinates, np.zeros((len(coordinates), 2 - components))])
    frame = pd.DataFrame({"unit": scores.units["unit"], "x": coordinates[:, 0], "y": coordinates[:, 1]})
    return frame, np.pad(pca.explained_variance_ratio_, (0, 2 - components))
