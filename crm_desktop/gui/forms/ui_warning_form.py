# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'warning_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QRadioButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_WarningForm(object):
    def setupUi(self, WarningForm):
        if not WarningForm.objectName():
            WarningForm.setObjectName(u"WarningForm")
        WarningForm.resize(540, 300)
        self.verticalLayout = QVBoxLayout(WarningForm)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.clientLabel = QLabel(WarningForm)
        self.clientLabel.setObjectName(u"clientLabel")
        self.clientLabel.setText(u"-")
        self.clientLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.clientLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.productRadio = QRadioButton(WarningForm)
        self.productRadio.setObjectName(u"productRadio")
        self.productRadio.setChecked(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.productRadio)

        self.productCombo = QComboBox(WarningForm)
        self.productCombo.setObjectName(u"productCombo")
        self.productCombo.setEditable(True)
        self.productCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.productCombo)

        self.permissionRadio = QRadioButton(WarningForm)
        self.permissionRadio.setObjectName(u"permissionRadio")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.permissionRadio)

        self.permissionCombo = QComboBox(WarningForm)
        self.permissionCombo.setObjectName(u"permissionCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.permissionCombo)

        self.confirmedCaption = QLabel(WarningForm)
        self.confirmedCaption.setObjectName(u"confirmedCaption")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.confirmedCaption)

        self.confirmedEdit = QDateEdit(WarningForm)
        self.confirmedEdit.setObjectName(u"confirmedEdit")
        self.confirmedEdit.setCalendarPopup(True)
        self.confirmedEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.confirmedEdit)

        self.channelCaption = QLabel(WarningForm)
        self.channelCaption.setObjectName(u"channelCaption")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.channelCaption)

        self.channelCombo = QComboBox(WarningForm)
        self.channelCombo.setObjectName(u"channelCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.channelCombo)

        self.evidenceCaption = QLabel(WarningForm)
        self.evidenceCaption.setObjectName(u"evidenceCaption")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.evidenceCaption)

        self.evidenceEdit = QLineEdit(WarningForm)
        self.evidenceEdit.setObjectName(u"evidenceEdit")
        self.evidenceEdit.setMaxLength(200)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.evidenceEdit)


        self.verticalLayout.addLayout(self.formLayout)

        self.hintLabel = QLabel(WarningForm)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setStyleSheet(u"color: #666")

        self.verticalLayout.addWidget(self.hintLabel)

        self.messageLabel = QLabel(WarningForm)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setTextFormat(Qt.TextFormat.RichText)

        self.verticalLayout.addWidget(self.messageLabel)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.verticalLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(WarningForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.confirmedCaption.setBuddy(self.confirmedEdit)
        self.channelCaption.setBuddy(self.channelCombo)
        self.evidenceCaption.setBuddy(self.evidenceEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.productRadio, self.productCombo)
        QWidget.setTabOrder(self.productCombo, self.permissionRadio)
        QWidget.setTabOrder(self.permissionRadio, self.permissionCombo)
        QWidget.setTabOrder(self.permissionCombo, self.confirmedEdit)
        QWidget.setTabOrder(self.confirmedEdit, self.channelCombo)
        QWidget.setTabOrder(self.channelCombo, self.evidenceEdit)

        self.retranslateUi(WarningForm)

        QMetaObject.connectSlotsByName(WarningForm)
    # setupUi

    def retranslateUi(self, WarningForm):
        WarningForm.setWindowTitle(QCoreApplication.translate("WarningForm", u"Record a special risk warning", None))
        self.productRadio.setText(QCoreApplication.translate("WarningForm", u"&Product:", None))
        self.permissionRadio.setText(QCoreApplication.translate("WarningForm", u"Trading &permission:", None))
        self.confirmedCaption.setText(QCoreApplication.translate("WarningForm", u"&Confirmed on:", None))
        self.channelCaption.setText(QCoreApplication.translate("WarningForm", u"C&hannel:", None))
        self.evidenceCaption.setText(QCoreApplication.translate("WarningForm", u"&Evidence: *", None))
        self.evidenceEdit.setPlaceholderText(QCoreApplication.translate("WarningForm", u"Recording id or electronic trace number", None))
        self.hintLabel.setText(QCoreApplication.translate("WarningForm", u"Only a warning the client has already confirmed, at most 7 days ago; older confirmations are imported from the suitability system. A risk-disclosure touch naming the product or permission is recorded with it.", None))
    # retranslateUi

