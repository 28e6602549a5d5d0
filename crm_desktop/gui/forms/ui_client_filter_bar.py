# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'client_filter_bar.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QToolButton, QWidget)

class Ui_ClientFilterBar(object):
    def setupUi(self, ClientFilterBar):
        if not ClientFilterBar.objectName():
            ClientFilterBar.setObjectName(u"ClientFilterBar")
        ClientFilterBar.resize(1100, 40)
        self.barLayout = QHBoxLayout(ClientFilterBar)
        self.barLayout.setObjectName(u"barLayout")
        self.barLayout.setContentsMargins(0, 0, 0, 0)
        self.filterLabel = QLabel(ClientFilterBar)
        self.filterLabel.setObjectName(u"filterLabel")

        self.barLayout.addWidget(self.filterLabel)

        self.filterEdit = QLineEdit(ClientFilterBar)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setMinimumSize(QSize(220, 0))
        self.filterEdit.setClearButtonEnabled(True)

        self.barLayout.addWidget(self.filterEdit)

        self.gradeCombo = QComboBox(ClientFilterBar)
        self.gradeCombo.setObjectName(u"gradeCombo")
        self.gradeCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.barLayout.addWidget(self.gradeCombo)

        self.churnCombo = QComboBox(ClientFilterBar)
        self.churnCombo.setObjectName(u"churnCombo")
        self.churnCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.barLayout.addWidget(self.churnCombo)

        self.lifecycleCombo = QComboBox(ClientFilterBar)
        self.lifecycleCombo.setObjectName(u"lifecycleCombo")
        self.lifecycleCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.barLayout.addWidget(self.lifecycleCombo)

        self.managerCombo = QComboBox(ClientFilterBar)
        self.managerCombo.setObjectName(u"managerCombo")
        self.managerCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.barLayout.addWidget(self.managerCombo)

        self.overdueCheck = QCheckBox(ClientFilterBar)
        self.overdueCheck.setObjectName(u"overdueCheck")

        self.barLayout.addWidget(self.overdueCheck)

        self.mismatchCheck = QCheckBox(ClientFilterBar)
        self.mismatchCheck.setObjectName(u"mismatchCheck")

        self.barLayout.addWidget(self.mismatchCheck)

        self.barSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.barLayout.addItem(self.barSpacer)

        self.segmentButton = QToolButton(ClientFilterBar)
        self.segmentButton.setObjectName(u"segmentButton")

        self.barLayout.addWidget(self.segmentButton)

        self.clearButton = QToolButton(ClientFilterBar)
        self.clearButton.setObjectName(u"clearButton")

        self.barLayout.addWidget(self.clearButton)

        self.exportButton = QToolButton(ClientFilterBar)
        self.exportButton.setObjectName(u"exportButton")
        self.exportButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.barLayout.addWidget(self.exportButton)

        self.refreshButton = QToolButton(ClientFilterBar)
        self.refreshButton.setObjectName(u"refreshButton")

        self.barLayout.addWidget(self.refreshButton)

#if QT_CONFIG(shortcut)
        self.filterLabel.setBuddy(self.filterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filterEdit, self.gradeCombo)
        QWidget.setTabOrder(self.gradeCombo, self.churnCombo)
        QWidget.setTabOrder(self.churnCombo, self.lifecycleCombo)
        QWidget.setTabOrder(self.lifecycleCombo, self.managerCombo)
        QWidget.setTabOrder(self.managerCombo, self.overdueCheck)
        QWidget.setTabOrder(self.overdueCheck, self.mismatchCheck)
        QWidget.setTabOrder(self.mismatchCheck, self.segmentButton)
        QWidget.setTabOrder(self.segmentButton, self.clearButton)
        QWidget.setTabOrder(self.clearButton, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.refreshButton)

        self.retranslateUi(ClientFilterBar)

        QMetaObject.connectSlotsByName(ClientFilterBar)
    # setupUi

    def retranslateUi(self, ClientFilterBar):
        self.filterLabel.setText(QCoreApplication.translate("ClientFilterBar", u"&Find:", None))
#if QT_CONFIG(tooltip)
        self.filterEdit.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Type part of a client number, a name, or the last digits of the phone (Ctrl+F; Esc clears)", None))
#endif // QT_CONFIG(tooltip)
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("ClientFilterBar", u"Client no., name or phone last digits", None))
#if QT_CONFIG(tooltip)
        self.gradeCombo.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Show one client grade only", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.churnCombo.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Show one churn risk level only", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.lifecycleCombo.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Show one lifecycle stage only", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.managerCombo.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Show the clients of one investment manager", None))
#endif // QT_CONFIG(tooltip)
        self.overdueCheck.setText(QCoreApplication.translate("ClientFilterBar", u"&Overdue", None))
#if QT_CONFIG(tooltip)
        self.overdueCheck.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Only clients with an overdue service task", None))
#endif // QT_CONFIG(tooltip)
        self.mismatchCheck.setText(QCoreApplication.translate("ClientFilterBar", u"&Mismatch", None))
#if QT_CONFIG(tooltip)
        self.mismatchCheck.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Only clients whose trading does not match their declared risk level", None))
#endif // QT_CONFIG(tooltip)
        self.segmentButton.setText(QCoreApplication.translate("ClientFilterBar", u"Save as &segment\u2026", None))
#if QT_CONFIG(tooltip)
        self.segmentButton.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Save the grade, churn risk, lifecycle and manager filters as a named segment for campaigns and pushes", None))
#endif // QT_CONFIG(tooltip)
        self.clearButton.setText(QCoreApplication.translate("ClientFilterBar", u"C&lear", None))
#if QT_CONFIG(tooltip)
        self.clearButton.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Clear every filter (Esc)", None))
#endif // QT_CONFIG(tooltip)
        self.exportButton.setText(QCoreApplication.translate("ClientFilterBar", u"&Export", None))
#if QT_CONFIG(tooltip)
        self.exportButton.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Export the clients shown to Excel or CSV", None))
#endif // QT_CONFIG(tooltip)
        self.refreshButton.setText(QCoreApplication.translate("ClientFilterBar", u"&Refresh", None))
#if QT_CONFIG(tooltip)
        self.refreshButton.setToolTip(QCoreApplication.translate("ClientFilterBar", u"Reload the book from the store (F5)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

