"""Qt translations: Chinese (default) from resources/i18n/*_zh_CN.qm, English from the source strings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crm_desktop.i18n import EN, set_language
from crm_desktop.paths import resource

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, lang: str) -> str:
    """Load every area's translation for ``lang`` plus Qt's own; also sets the non-Qt language."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    chosen = set_language(lang)
    if chosen == EN:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return chosen
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN",):
        t = QTranslator(app)
        if t.load(name, qt_dir):
            app.installTranslator(t)
            _installed.append(t)
    for qm in sorted(resource("i18n").glob("*_zh_CN.qm")):
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            _installed.append(t)
    return chosen
