# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QVBoxLayout, QWidget)

class Ui_FirstRun(object):
    def setupUi(self, FirstRun):
        if not FirstRun.objectName():
            FirstRun.setObjectName(u"FirstRun")
        self.mainLayout = QVBoxLayout(FirstRun)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(FirstRun)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.adminBox = QGroupBox(FirstRun)
        self.adminBox.setObjectName(u"adminBox")
        self.adminForm = QFormLayout(self.adminBox)
        self.adminForm.setObjectName(u"adminForm")
        self.loginLabel = QLabel(self.adminBox)
        self.loginLabel.setObjectName(u"loginLabel")

        self.adminForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.loginLabel)

        self.loginEdit = QLineEdit(self.adminBox)
        self.loginEdit.setObjectName(u"loginEdit")

        self.adminForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.loginEdit)

        self.nameLabel = QLabel(self.adminBox)
        self.nameLabel.setObjectName(u"nameLabel")

        self.adminForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.adminBox)
        self.nameEdit.setObjectName(u"nameEdit")

        self.adminForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.passwordLabel = QLabel(self.adminBox)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.adminForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(self.adminBox)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.adminForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.confirmLabel = QLabel(self.adminBox)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.adminForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(self.adminBox)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.adminForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirmEdit)

        self.messageLabel = QLabel(self.adminBox)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)

        self.adminForm.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.messageLabel)

        self.createButton = QPushButton(self.adminBox)
        self.createButton.setObjectName(u"createButton")

        self.adminForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.createButton)


        self.mainLayout.addWidget(self.adminBox)

        self.demoBox = QGroupBox(FirstRun)
        self.demoBox.setObjectName(u"demoBox")
        self.demoLayout = QVBoxLayout(self.demoBox)
        self.demoLayout.setObjectName(u"demoLayout")
        self.demoLabel = QLabel(self.demoBox)
        self.demoLabel.setObjectName(u"demoLabel")
        self.demoLabel.setText(u"")
        self.demoLabel.setWordWrap(True)

        self.demoLayout.addWidget(self.demoLabel)

        self.demoButton = QPushButton(self.demoBox)
        self.demoButton.setObjectName(u"demoButton")

        self.demoLayout.addWidget(self.demoButton)


        self.mainLayout.addWidget(self.demoBox)

        self.buttonBox = QDialogButtonBox(FirstRun)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.loginLabel.setBuddy(self.loginEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstRun)

        QMetaObject.connectSlotsByName(FirstRun)
    # setupUi

    def retranslateUi(self, FirstRun):
        FirstRun.setWindowTitle(QCoreApplication.translate("FirstRun", u"First start", None))
        self.introLabel.setText(QCoreApplication.translate("FirstRun", u"This store has no users yet. Create the first administrator to start real work, or try the app on demo data kept in a separate store.", None))
        self.adminBox.setTitle(QCoreApplication.translate("FirstRun", u"Create the first administrator", None))
        self.loginLabel.setText(QCoreApplication.translate("FirstRun", u"Login", None))
        self.loginEdit.setPlaceholderText(QCoreApplication.translate("FirstRun", u"letters, digits, _ . -", None))
        self.nameLabel.setText(QCoreApplication.translate("FirstRun", u"Name", None))
        self.passwordLabel.setText(QCoreApplication.translate("FirstRun", u"Password", None))
        self.confirmLabel.setText(QCoreApplication.translate("FirstRun", u"Repeat password", None))
        self.createButton.setText(QCoreApplication.translate("FirstRun", u"Create administrator", None))
        self.demoBox.setTitle(QCoreApplication.translate("FirstRun", u"Try the demo", None))
        self.demoButton.setText(QCoreApplication.translate("FirstRun", u"Open the demo", None))
    # retranslateUi

