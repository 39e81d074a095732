"""Language knowledge: per-locale tables (:mod:`.locales`) and transliteration (:mod:`.translit`)."""
