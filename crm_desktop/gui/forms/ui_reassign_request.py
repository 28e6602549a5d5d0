# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reassign_request.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ReassignRequestDialog(object):
    def setupUi(self, ReassignRequestDialog):
        if not ReassignRequestDialog.objectName():
            ReassignRequestDialog.setObjectName(u"ReassignRequestDialog")
        ReassignRequestDialog.resize(520, 420)
        self.verticalLayout = QVBoxLayout(ReassignRequestDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.clientsCaption = QLabel(ReassignRequestDialog)
        self.clientsCaption.setObjectName(u"clientsCaption")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.clientsCaption)

        self.clientsLabel = QLabel(ReassignRequestDialog)
        self.clientsLabel.setObjectName(u"clientsLabel")
        self.clientsLabel.setText(u"-")
        self.clientsLabel.setWordWrap(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.clientsLabel)

        self.targetCaption = QLabel(ReassignRequestDialog)
        self.targetCaption.setObjectName(u"targetCaption")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.targetCaption)

        self.targetCombo = QComboBox(ReassignRequestDialog)
        self.targetCombo.setObjectName(u"targetCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.targetCombo)

        self.targetInfo = QLabel(ReassignRequestDialog)
        self.targetInfo.setObjectName(u"targetInfo")
        self.targetInfo.setText(u"")
        self.targetInfo.setWordWrap(True)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.targetInfo)

        self.reasonCaption = QLabel(ReassignRequestDialog)
        self.reasonCaption.setObjectName(u"reasonCaption")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reasonCaption)

        self.reasonCombo = QComboBox(ReassignRequestDialog)
        self.reasonCombo.setObjectName(u"reasonCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reasonCombo)

        self.commentCaption = QLabel(ReassignRequestDialog)
        self.commentCaption.setObjectName(u"commentCaption")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.commentCaption)

        self.commentEdit = QPlainTextEdit(ReassignRequestDialog)
        self.commentEdit.setObjectName(u"commentEdit")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.commentEdit)

        self.noteCaption = QLabel(ReassignRequestDialog)
        self.noteCaption.setObjectName(u"noteCaption")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.noteCaption)

        self.noteEdit = QPlainTextEdit(ReassignRequestDialog)
        self.noteEdit.setObjectName(u"noteEdit")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.noteEdit)


        self.verticalLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(ReassignRequestDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ReassignRequestDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.targetCaption.setBuddy(self.targetCombo)
        self.reasonCaption.setBuddy(self.reasonCombo)
        self.commentCaption.setBuddy(self.commentEdit)
        self.noteCaption.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.targetCombo, self.reasonCombo)
        QWidget.setTabOrder(self.reasonCombo, self.commentEdit)
        QWidget.setTabOrder(self.commentEdit, self.noteEdit)

        self.retranslateUi(ReassignRequestDialog)

        QMetaObject.connectSlotsByName(ReassignRequestDialog)
    # setupUi

    def retranslateUi(self, ReassignRequestDialog):
        ReassignRequestDialog.setWindowTitle(QCoreApplication.translate("ReassignRequestDialog", u"Request reassignment", None))
        self.clientsCaption.setText(QCoreApplication.translate("ReassignRequestDialog", u"Clients:", None))
        self.targetCaption.setText(QCoreApplication.translate("ReassignRequestDialog", u"&New manager:", None))
        self.reasonCaption.setText(QCoreApplication.translate("ReassignRequestDialog", u"&Reason:", None))
        self.commentCaption.setText(QCoreApplication.translate("ReassignRequestDialog", u"&Comment:", None))
        self.commentEdit.setPlaceholderText(QCoreApplication.translate("ReassignRequestDialog", u"Why the client should move (for the approver)", None))
        self.noteCaption.setText(QCoreApplication.translate("ReassignRequestDialog", u"&Handover note:", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("ReassignRequestDialog", u"What the new manager should know: preferences, open matters, best time to call", None))
    # retranslateUi

