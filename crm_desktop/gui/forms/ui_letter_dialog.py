# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'letter_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_LetterDialog(object):
    def setupUi(self, LetterDialog):
        if not LetterDialog.objectName():
            LetterDialog.setObjectName(u"LetterDialog")
        LetterDialog.resize(1040, 760)
        self.mainLayout = QHBoxLayout(LetterDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.sidePanel = QWidget(LetterDialog)
        self.sidePanel.setObjectName(u"sidePanel")
        self.sidePanel.setMaximumSize(QSize(340, 16777215))
        self.sideLayout = QVBoxLayout(self.sidePanel)
        self.sideLayout.setObjectName(u"sideLayout")
        self.sideLayout.setContentsMargins(0, -1, 0, -1)
        self.clientLabel = QLabel(self.sidePanel)
        self.clientLabel.setObjectName(u"clientLabel")
        self.clientLabel.setText(u"\u2014")
        self.clientLabel.setWordWrap(True)

        self.sideLayout.addWidget(self.clientLabel)

        self.periodForm = QFormLayout()
        self.periodForm.setObjectName(u"periodForm")
        self.asOfLabel = QLabel(self.sidePanel)
        self.asOfLabel.setObjectName(u"asOfLabel")

        self.periodForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.asOfLabel)

        self.asOfEdit = QDateEdit(self.sidePanel)
        self.asOfEdit.setObjectName(u"asOfEdit")
        self.asOfEdit.setCalendarPopup(True)
        self.asOfEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.periodForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.asOfEdit)

        self.customPeriodCheck = QCheckBox(self.sidePanel)
        self.customPeriodCheck.setObjectName(u"customPeriodCheck")

        self.periodForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.customPeriodCheck)

        self.periodStartEdit = QDateEdit(self.sidePanel)
        self.periodStartEdit.setObjectName(u"periodStartEdit")
        self.periodStartEdit.setEnabled(False)
        self.periodStartEdit.setCalendarPopup(True)
        self.periodStartEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.periodForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.periodStartEdit)


        self.sideLayout.addLayout(self.periodForm)

        self.periodLabel = QLabel(self.sidePanel)
        self.periodLabel.setObjectName(u"periodLabel")
        self.periodLabel.setText(u"\u2014")
        self.periodLabel.setWordWrap(True)

        self.sideLayout.addWidget(self.periodLabel)

        self.commentLabel = QLabel(self.sidePanel)
        self.commentLabel.setObjectName(u"commentLabel")

        self.sideLayout.addWidget(self.commentLabel)

        self.commentEdit = QPlainTextEdit(self.sidePanel)
        self.commentEdit.setObjectName(u"commentEdit")

        self.sideLayout.addWidget(self.commentEdit)

        self.previewButton = QPushButton(self.sidePanel)
        self.previewButton.setObjectName(u"previewButton")

        self.sideLayout.addWidget(self.previewButton)

        self.generateButton = QPushButton(self.sidePanel)
        self.generateButton.setObjectName(u"generateButton")

        self.sideLayout.addWidget(self.generateButton)

        self.outputButtons = QHBoxLayout()
        self.outputButtons.setObjectName(u"outputButtons")
        self.printButton = QPushButton(self.sidePanel)
        self.printButton.setObjectName(u"printButton")
        self.printButton.setEnabled(False)

        self.outputButtons.addWidget(self.printButton)

        self.saveButton = QPushButton(self.sidePanel)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setEnabled(False)

        self.outputButtons.addWidget(self.saveButton)


        self.sideLayout.addLayout(self.outputButtons)

        self.statusLabel = QLabel(self.sidePanel)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setText(u"")
        self.statusLabel.setWordWrap(True)

        self.sideLayout.addWidget(self.statusLabel)

        self.sideSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.sideLayout.addItem(self.sideSpacer)

        self.buttonBox = QDialogButtonBox(self.sidePanel)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.sideLayout.addWidget(self.buttonBox)


        self.mainLayout.addWidget(self.sidePanel)

        self.previewHost = QWidget(LetterDialog)
        self.previewHost.setObjectName(u"previewHost")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.previewHost.sizePolicy().hasHeightForWidth())
        self.previewHost.setSizePolicy(sizePolicy)
        self.previewLayout = QVBoxLayout(self.previewHost)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(0, 0, 0, 0)

        self.mainLayout.addWidget(self.previewHost)

#if QT_CONFIG(shortcut)
        self.asOfLabel.setBuddy(self.asOfEdit)
        self.commentLabel.setBuddy(self.commentEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.asOfEdit, self.customPeriodCheck)
        QWidget.setTabOrder(self.customPeriodCheck, self.periodStartEdit)
        QWidget.setTabOrder(self.periodStartEdit, self.commentEdit)
        QWidget.setTabOrder(self.commentEdit, self.previewButton)
        QWidget.setTabOrder(self.previewButton, self.generateButton)
        QWidget.setTabOrder(self.generateButton, self.printButton)
        QWidget.setTabOrder(self.printButton, self.saveButton)

        self.retranslateUi(LetterDialog)

        self.generateButton.setDefault(True)


        QMetaObject.connectSlotsByName(LetterDialog)
    # setupUi

    def retranslateUi(self, LetterDialog):
        LetterDialog.setWindowTitle(QCoreApplication.translate("LetterDialog", u"Account-analysis letter", None))
        self.asOfLabel.setText(QCoreApplication.translate("LetterDialog", u"As of:", None))
        self.customPeriodCheck.setText(QCoreApplication.translate("LetterDialog", u"Period from:", None))
        self.commentLabel.setText(QCoreApplication.translate("LetterDialog", u"Your personal comment to the client:", None))
        self.commentEdit.setPlaceholderText(QCoreApplication.translate("LetterDialog", u"e.g. how the quarter went for the account, and what you suggest next", None))
        self.previewButton.setText(QCoreApplication.translate("LetterDialog", u"Preview draft", None))
        self.generateButton.setText(QCoreApplication.translate("LetterDialog", u"Generate letter", None))
        self.printButton.setText(QCoreApplication.translate("LetterDialog", u"Print\u2026", None))
        self.saveButton.setText(QCoreApplication.translate("LetterDialog", u"Save as\u2026", None))
    # retranslateUi

