"""Typos: which words to compare with titles, and "Did you mean" from the closest titles."""

import re
import unicodedata


def words_for_typos(terms: str) -> list[str]:
    """The words compared with titles and names when full text finds few, folded.

    None when the query has quotes or a minus: whoever typed those said exactly what they
    meant. Short words such as "the" only when there is nothing longer.
    """
    if '"' in terms or re.search(r"(^|\s)-\w", terms):
        return []
    words = [fold(word) for word in re.findall(r"[^\W_]+", terms) if word.lower() != "or"]
    return [word for word in words if len(word) > 3] or words


def fold(text: str) -> str:
    """Lower case without accents: "Café" and "cafe" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity of two words, so suggestions agree with the database."""
    ours, theirs = trigrams(a), trigrams(b)
    return len(ours & theirs) / len(ours | theirs)


def did_you_mean(terms: str, names: list[str]) -> str:
    """`terms` with each word that is not in `names` replaced by the closest word that is."""
    vocabulary = {fold(word): word for name in names for word in re.findall(r"\w+", name.lower())}

    def closest(match: re.Match) -> str:
        word = fold(match[0])
        if word in vocabulary or not vocabulary:
            return vocabulary.get(word, match[0])
        best = max(vocabulary, key=lambda known: similarity(word, known))
        return vocabulary[best] if similarity(word, best) >= 0.45 else match[0]

    suggested = re.sub(r"\w+", closest, terms)
    return suggested if fold(suggested) != fold(terms) else ""
