# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'touch_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox,
    QFormLayout, QGridLayout, QGroupBox, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_TouchForm(object):
    def setupUi(self, TouchForm):
        if not TouchForm.objectName():
            TouchForm.setObjectName(u"TouchForm")
        TouchForm.resize(640, 720)
        self.mainLayout = QVBoxLayout(TouchForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.clientLabel = QLabel(TouchForm)
        self.clientLabel.setObjectName(u"clientLabel")
        self.clientLabel.setText(u"client")
        self.clientLabel.setTextFormat(Qt.TextFormat.RichText)

        self.mainLayout.addWidget(self.clientLabel)

        self.taskLabel = QLabel(TouchForm)
        self.taskLabel.setObjectName(u"taskLabel")
        self.taskLabel.setText(u"")
        self.taskLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.taskLabel)

        self.headerForm = QFormLayout()
        self.headerForm.setObjectName(u"headerForm")
        self.typeLabel = QLabel(TouchForm)
        self.typeLabel.setObjectName(u"typeLabel")

        self.headerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.typeCombo = QComboBox(TouchForm)
        self.typeCombo.setObjectName(u"typeCombo")

        self.headerForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.typeCombo)

        self.closesLabel = QLabel(TouchForm)
        self.closesLabel.setObjectName(u"closesLabel")

        self.headerForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.closesLabel)

        self.taskCombo = QComboBox(TouchForm)
        self.taskCombo.setObjectName(u"taskCombo")

        self.headerForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.taskCombo)

        self.channelLabel = QLabel(TouchForm)
        self.channelLabel.setObjectName(u"channelLabel")

        self.headerForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.channelLabel)

        self.channelCombo = QComboBox(TouchForm)
        self.channelCombo.setObjectName(u"channelCombo")

        self.headerForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.channelCombo)

        self.occurredLabel = QLabel(TouchForm)
        self.occurredLabel.setObjectName(u"occurredLabel")

        self.headerForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.occurredLabel)

        self.occurredEdit = QDateTimeEdit(TouchForm)
        self.occurredEdit.setObjectName(u"occurredEdit")
        self.occurredEdit.setCalendarPopup(True)
        self.occurredEdit.setDisplayFormat(u"yyyy-MM-dd HH:mm")

        self.headerForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.occurredEdit)

        self.backdateLabel = QLabel(TouchForm)
        self.backdateLabel.setObjectName(u"backdateLabel")

        self.headerForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.backdateLabel)

        self.backdateEdit = QLineEdit(TouchForm)
        self.backdateEdit.setObjectName(u"backdateEdit")

        self.headerForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.backdateEdit)

        self.summaryLabel = QLabel(TouchForm)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.headerForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(TouchForm)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setMaximumSize(QSize(16777215, 70))

        self.headerForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.summaryEdit)


        self.mainLayout.addLayout(self.headerForm)

        self.campaignGroup = QGroupBox(TouchForm)
        self.campaignGroup.setObjectName(u"campaignGroup")
        self.campaignForm = QFormLayout(self.campaignGroup)
        self.campaignForm.setObjectName(u"campaignForm")
        self.campaignInfoLabel = QLabel(self.campaignGroup)
        self.campaignInfoLabel.setObjectName(u"campaignInfoLabel")
        self.campaignInfoLabel.setText(u"")
        self.campaignInfoLabel.setWordWrap(True)
        self.campaignInfoLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.campaignForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.campaignInfoLabel)

        self.responseLabel = QLabel(self.campaignGroup)
        self.responseLabel.setObjectName(u"responseLabel")

        self.campaignForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.responseLabel)

        self.responseCombo = QComboBox(self.campaignGroup)
        self.responseCombo.setObjectName(u"responseCombo")

        self.campaignForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.responseCombo)

        self.amountLabel = QLabel(self.campaignGroup)
        self.amountLabel.setObjectName(u"amountLabel")
        self.amountLabel.setText(u"amount")

        self.campaignForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.amountLabel)

        self.amountEdit = QLineEdit(self.campaignGroup)
        self.amountEdit.setObjectName(u"amountEdit")
        self.amountEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.campaignForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.amountEdit)

        self.reasonLabel = QLabel(self.campaignGroup)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.campaignForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QLineEdit(self.campaignGroup)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.campaignForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reasonEdit)


        self.mainLayout.addWidget(self.campaignGroup)

        self.flowGroup = QGroupBox(TouchForm)
        self.flowGroup.setObjectName(u"flowGroup")
        self.flowGrid = QGridLayout(self.flowGroup)
        self.flowGrid.setObjectName(u"flowGrid")
        self.identityCheck = QCheckBox(self.flowGroup)
        self.identityCheck.setObjectName(u"identityCheck")

        self.flowGrid.addWidget(self.identityCheck, 0, 0, 1, 3)

        self.needsCheck = QCheckBox(self.flowGroup)
        self.needsCheck.setObjectName(u"needsCheck")

        self.flowGrid.addWidget(self.needsCheck, 1, 0, 1, 3)

        self.contentLabel = QLabel(self.flowGroup)
        self.contentLabel.setObjectName(u"contentLabel")

        self.flowGrid.addWidget(self.contentLabel, 2, 0, 1, 2)

        self.templateButton = QPushButton(self.flowGroup)
        self.templateButton.setObjectName(u"templateButton")

        self.flowGrid.addWidget(self.templateButton, 2, 2, 1, 1)

        self.contentEdit = QPlainTextEdit(self.flowGroup)
        self.contentEdit.setObjectName(u"contentEdit")
        self.contentEdit.setMaximumSize(QSize(16777215, 70))

        self.flowGrid.addWidget(self.contentEdit, 3, 0, 1, 3)

        self.adviceCheck = QCheckBox(self.flowGroup)
        self.adviceCheck.setObjectName(u"adviceCheck")

        self.flowGrid.addWidget(self.adviceCheck, 4, 0, 1, 3)

        self.riskCheck = QCheckBox(self.flowGroup)
        self.riskCheck.setObjectName(u"riskCheck")

        self.flowGrid.addWidget(self.riskCheck, 5, 0, 1, 3)

        self.feedbackLabel = QLabel(self.flowGroup)
        self.feedbackLabel.setObjectName(u"feedbackLabel")

        self.flowGrid.addWidget(self.feedbackLabel, 6, 0, 1, 1)

        self.feedbackEdit = QLineEdit(self.flowGroup)
        self.feedbackEdit.setObjectName(u"feedbackEdit")

        self.flowGrid.addWidget(self.feedbackEdit, 6, 1, 1, 1)

        self.satisfactionCombo = QComboBox(self.flowGroup)
        self.satisfactionCombo.setObjectName(u"satisfactionCombo")

        self.flowGrid.addWidget(self.satisfactionCombo, 6, 2, 1, 1)

        self.nextStepLabel = QLabel(self.flowGroup)
        self.nextStepLabel.setObjectName(u"nextStepLabel")

        self.flowGrid.addWidget(self.nextStepLabel, 7, 0, 1, 1)

        self.nextStepEdit = QLineEdit(self.flowGroup)
        self.nextStepEdit.setObjectName(u"nextStepEdit")

        self.flowGrid.addWidget(self.nextStepEdit, 7, 1, 1, 2)

        self.followUpCheck = QCheckBox(self.flowGroup)
        self.followUpCheck.setObjectName(u"followUpCheck")

        self.flowGrid.addWidget(self.followUpCheck, 8, 0, 1, 1)

        self.followUpEdit = QDateEdit(self.flowGroup)
        self.followUpEdit.setObjectName(u"followUpEdit")
        self.followUpEdit.setCalendarPopup(True)
        self.followUpEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.flowGrid.addWidget(self.followUpEdit, 8, 1, 1, 2)


        self.mainLayout.addWidget(self.flowGroup)

        self.messageLabel = QLabel(TouchForm)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(TouchForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.typeLabel.setBuddy(self.typeCombo)
        self.closesLabel.setBuddy(self.taskCombo)
        self.channelLabel.setBuddy(self.channelCombo)
        self.occurredLabel.setBuddy(self.occurredEdit)
        self.backdateLabel.setBuddy(self.backdateEdit)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.responseLabel.setBuddy(self.responseCombo)
        self.amountLabel.setBuddy(self.amountEdit)
        self.reasonLabel.setBuddy(self.reasonEdit)
        self.feedbackLabel.setBuddy(self.feedbackEdit)
        self.nextStepLabel.setBuddy(self.nextStepEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.typeCombo, self.taskCombo)
        QWidget.setTabOrder(self.taskCombo, self.channelCombo)
        QWidget.setTabOrder(self.channelCombo, self.occurredEdit)
        QWidget.setTabOrder(self.occurredEdit, self.backdateEdit)
        QWidget.setTabOrder(self.backdateEdit, self.summaryEdit)
        QWidget.setTabOrder(self.summaryEdit, self.responseCombo)
        QWidget.setTabOrder(self.responseCombo, self.amountEdit)
        QWidget.setTabOrder(self.amountEdit, self.reasonEdit)
        QWidget.setTabOrder(self.reasonEdit, self.identityCheck)
        QWidget.setTabOrder(self.identityCheck, self.needsCheck)
        QWidget.setTabOrder(self.needsCheck, self.templateButton)
        QWidget.setTabOrder(self.templateButton, self.contentEdit)
        QWidget.setTabOrder(self.contentEdit, self.adviceCheck)
        QWidget.setTabOrder(self.adviceCheck, self.riskCheck)
        QWidget.setTabOrder(self.riskCheck, self.feedbackEdit)
        QWidget.setTabOrder(self.feedbackEdit, self.satisfactionCombo)
        QWidget.setTabOrder(self.satisfactionCombo, self.nextStepEdit)
        QWidget.setTabOrder(self.nextStepEdit, self.followUpCheck)
        QWidget.setTabOrder(self.followUpCheck, self.followUpEdit)

        self.retranslateUi(TouchForm)

        QMetaObject.connectSlotsByName(TouchForm)
    # setupUi

    def retranslateUi(self, TouchForm):
        TouchForm.setWindowTitle(QCoreApplication.translate("TouchForm", u"Record a service touch", None))
        self.typeLabel.setText(QCoreApplication.translate("TouchForm", u"&Type", None))
        self.closesLabel.setText(QCoreApplication.translate("TouchForm", u"C&ompletes task", None))
#if QT_CONFIG(tooltip)
        self.taskCombo.setToolTip(QCoreApplication.translate("TouchForm", u"The open task this touch completes. Choose \"No task\" when the touch completes none.", None))
#endif // QT_CONFIG(tooltip)
        self.channelLabel.setText(QCoreApplication.translate("TouchForm", u"C&hannel", None))
        self.occurredLabel.setText(QCoreApplication.translate("TouchForm", u"&Date and time", None))
        self.backdateLabel.setText(QCoreApplication.translate("TouchForm", u"Reason for late entry", None))
        self.backdateEdit.setPlaceholderText(QCoreApplication.translate("TouchForm", u"Needed when the touch was more than 7 days ago", None))
        self.summaryLabel.setText(QCoreApplication.translate("TouchForm", u"&Summary *", None))
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("TouchForm", u"What was done and what the client said", None))
        self.campaignGroup.setTitle(QCoreApplication.translate("TouchForm", u"Campaign response", None))
        self.responseLabel.setText(QCoreApplication.translate("TouchForm", u"&Response *", None))
#if QT_CONFIG(tooltip)
        self.responseCombo.setToolTip(QCoreApplication.translate("TouchForm", u"What the client answered to the campaign's offer", None))
#endif // QT_CONFIG(tooltip)
        self.amountEdit.setPlaceholderText(QCoreApplication.translate("TouchForm", u"In yuan, at most two decimals, e.g. 50000 or 50000.50", None))
        self.reasonLabel.setText(QCoreApplication.translate("TouchForm", u"Reason for &declining *", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("TouchForm", u"What the client gave as the reason", None))
        self.flowGroup.setTitle(QCoreApplication.translate("TouchForm", u"Standard service flow (* required for this type)", None))
        self.identityCheck.setText(QCoreApplication.translate("TouchForm", u"1 Identity verified", None))
        self.needsCheck.setText(QCoreApplication.translate("TouchForm", u"2 Needs and situation asked", None))
        self.contentLabel.setText(QCoreApplication.translate("TouchForm", u"3 Service content given", None))
        self.templateButton.setText(QCoreApplication.translate("TouchForm", u"Use &template", None))
        self.contentEdit.setPlaceholderText(QCoreApplication.translate("TouchForm", u"Leave empty to use the summary", None))
        self.adviceCheck.setText(QCoreApplication.translate("TouchForm", u"Investment advice was given (then the risk must be disclosed)", None))
        self.riskCheck.setText(QCoreApplication.translate("TouchForm", u"4 Risk disclosed", None))
        self.feedbackLabel.setText(QCoreApplication.translate("TouchForm", u"5 Client feedback", None))
#if QT_CONFIG(tooltip)
        self.satisfactionCombo.setToolTip(QCoreApplication.translate("TouchForm", u"Satisfaction 1 (poor) to 5 (very satisfied)", None))
#endif // QT_CONFIG(tooltip)
        self.nextStepLabel.setText(QCoreApplication.translate("TouchForm", u"6 Next step", None))
        self.followUpCheck.setText(QCoreApplication.translate("TouchForm", u"Follow-up on", None))
    # retranslateUi

