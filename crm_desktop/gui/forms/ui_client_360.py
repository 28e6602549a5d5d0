# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'client_360.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QProgressBar, QScrollArea,
    QSizePolicy, QSpacerItem, QSplitter, QTabWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_Client360(object):
    def setupUi(self, Client360):
        if not Client360.objectName():
            Client360.setObjectName(u"Client360")
        Client360.resize(1180, 780)
        Client360.setSizeGripEnabled(True)
        self.mainLayout = QVBoxLayout(Client360)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.nameLabel = QLabel(Client360)
        self.nameLabel.setObjectName(u"nameLabel")
        self.nameLabel.setText(u"")
        self.nameLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.nameLabel)

        self.summaryLabel = QLabel(Client360)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setText(u"")
        self.summaryLabel.setWordWrap(True)

        self.headerLayout.addWidget(self.summaryLabel)

        self.headerSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.progressBar = QProgressBar(Client360)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setMaximumSize(QSize(160, 16777215))
        self.progressBar.setMaximum(0)
        self.progressBar.setTextVisible(False)

        self.headerLayout.addWidget(self.progressBar)


        self.mainLayout.addLayout(self.headerLayout)

        self.actionsLayout = QHBoxLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")

        self.mainLayout.addLayout(self.actionsLayout)

        self.messageLabel = QLabel(Client360)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.messageLabel)

        self.tabs = QTabWidget(Client360)
        self.tabs.setObjectName(u"tabs")
        self.overviewTab = QWidget()
        self.overviewTab.setObjectName(u"overviewTab")
        self.overviewLayout = QVBoxLayout(self.overviewTab)
        self.overviewLayout.setObjectName(u"overviewLayout")
        self.overviewSplitter = QSplitter(self.overviewTab)
        self.overviewSplitter.setObjectName(u"overviewSplitter")
        self.overviewSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.overviewSplitter.setChildrenCollapsible(False)
        self.detailsScroll = QScrollArea(self.overviewSplitter)
        self.detailsScroll.setObjectName(u"detailsScroll")
        self.detailsScroll.setWidgetResizable(True)
        self.detailsWidget = QWidget()
        self.detailsWidget.setObjectName(u"detailsWidget")
        self.detailsLayout = QVBoxLayout(self.detailsWidget)
        self.detailsLayout.setObjectName(u"detailsLayout")
        self.profileBox = QGroupBox(self.detailsWidget)
        self.profileBox.setObjectName(u"profileBox")
        self.profileBoxLayout = QFormLayout(self.profileBox)
        self.profileBoxLayout.setObjectName(u"profileBoxLayout")

        self.detailsLayout.addWidget(self.profileBox)

        self.scoreBox = QGroupBox(self.detailsWidget)
        self.scoreBox.setObjectName(u"scoreBox")
        self.scoreBoxLayout = QVBoxLayout(self.scoreBox)
        self.scoreBoxLayout.setObjectName(u"scoreBoxLayout")
        self.reasonsLabel = QLabel(self.scoreBox)
        self.reasonsLabel.setObjectName(u"reasonsLabel")
        self.reasonsLabel.setText(u"")
        self.reasonsLabel.setWordWrap(True)
        self.reasonsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.scoreBoxLayout.addWidget(self.reasonsLabel)


        self.detailsLayout.addWidget(self.scoreBox)

        self.indicatorsBox = QGroupBox(self.detailsWidget)
        self.indicatorsBox.setObjectName(u"indicatorsBox")
        self.indicatorsBoxLayout = QFormLayout(self.indicatorsBox)
        self.indicatorsBoxLayout.setObjectName(u"indicatorsBoxLayout")

        self.detailsLayout.addWidget(self.indicatorsBox)

        self.detailsSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.detailsLayout.addItem(self.detailsSpacer)

        self.detailsScroll.setWidget(self.detailsWidget)
        self.overviewSplitter.addWidget(self.detailsScroll)
        self.chartsWidget = QWidget(self.overviewSplitter)
        self.chartsWidget.setObjectName(u"chartsWidget")
        self.chartsLayout = QVBoxLayout(self.chartsWidget)
        self.chartsLayout.setObjectName(u"chartsLayout")
        self.chartsLayout.setContentsMargins(0, 0, 0, 0)
        self.overviewSplitter.addWidget(self.chartsWidget)

        self.overviewLayout.addWidget(self.overviewSplitter)

        self.tabs.addTab(self.overviewTab, "")
        self.holdingsTab = QWidget()
        self.holdingsTab.setObjectName(u"holdingsTab")
        self.holdingsTabLayout = QVBoxLayout(self.holdingsTab)
        self.holdingsTabLayout.setObjectName(u"holdingsTabLayout")
        self.holdingsView = QTableView(self.holdingsTab)
        self.holdingsView.setObjectName(u"holdingsView")
        self.holdingsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.holdingsView.setAlternatingRowColors(True)
        self.holdingsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.holdingsView.setWordWrap(False)

        self.holdingsTabLayout.addWidget(self.holdingsView)

        self.tabs.addTab(self.holdingsTab, "")
        self.touchesTab = QWidget()
        self.touchesTab.setObjectName(u"touchesTab")
        self.touchesTabLayout = QVBoxLayout(self.touchesTab)
        self.touchesTabLayout.setObjectName(u"touchesTabLayout")
        self.touchesView = QTableView(self.touchesTab)
        self.touchesView.setObjectName(u"touchesView")
        self.touchesView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.touchesView.setAlternatingRowColors(True)
        self.touchesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.touchesView.setWordWrap(False)

        self.touchesTabLayout.addWidget(self.touchesView)

        self.tabs.addTab(self.touchesTab, "")
        self.tasksTab = QWidget()
        self.tasksTab.setObjectName(u"tasksTab")
        self.tasksTabLayout = QVBoxLayout(self.tasksTab)
        self.tasksTabLayout.setObjectName(u"tasksTabLayout")
        self.tasksView = QTableView(self.tasksTab)
        self.tasksView.setObjectName(u"tasksView")
        self.tasksView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tasksView.setAlternatingRowColors(True)
        self.tasksView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasksView.setWordWrap(False)

        self.tasksTabLayout.addWidget(self.tasksView)

        self.tabs.addTab(self.tasksTab, "")
        self.lettersTab = QWidget()
        self.lettersTab.setObjectName(u"lettersTab")
        self.lettersTabLayout = QVBoxLayout(self.lettersTab)
        self.lettersTabLayout.setObjectName(u"lettersTabLayout")
        self.lettersView = QTableView(self.lettersTab)
        self.lettersView.setObjectName(u"lettersView")
        self.lettersView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lettersView.setAlternatingRowColors(True)
        self.lettersView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lettersView.setWordWrap(False)

        self.lettersTabLayout.addWidget(self.lettersView)

        self.tabs.addTab(self.lettersTab, "")
        self.assignmentsTab = QWidget()
        self.assignmentsTab.setObjectName(u"assignmentsTab")
        self.assignmentsTabLayout = QVBoxLayout(self.assignmentsTab)
        self.assignmentsTabLayout.setObjectName(u"assignmentsTabLayout")
        self.assignmentsView = QTableView(self.assignmentsTab)
        self.assignmentsView.setObjectName(u"assignmentsView")
        self.assignmentsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assignmentsView.setAlternatingRowColors(True)
        self.assignmentsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assignmentsView.setWordWrap(False)

        self.assignmentsTabLayout.addWidget(self.assignmentsView)

        self.tabs.addTab(self.assignmentsTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.buttonBox = QDialogButtonBox(Client360)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(Client360)
        self.buttonBox.rejected.connect(Client360.reject)

        QMetaObject.connectSlotsByName(Client360)
    # setupUi

    def retranslateUi(self, Client360):
        Client360.setWindowTitle(QCoreApplication.translate("Client360", u"Client", None))
        self.profileBox.setTitle(QCoreApplication.translate("Client360", u"Profile", None))
        self.scoreBox.setTitle(QCoreApplication.translate("Client360", u"Grade and value", None))
        self.indicatorsBox.setTitle(QCoreApplication.translate("Client360", u"Account indicators", None))
        self.tabs.setTabText(self.tabs.indexOf(self.overviewTab), QCoreApplication.translate("Client360", u"&Overview", None))
        self.tabs.setTabText(self.tabs.indexOf(self.holdingsTab), QCoreApplication.translate("Client360", u"&Holdings", None))
        self.tabs.setTabText(self.tabs.indexOf(self.touchesTab), QCoreApplication.translate("Client360", u"&Touches", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tasksTab), QCoreApplication.translate("Client360", u"Open t&asks", None))
        self.tabs.setTabText(self.tabs.indexOf(self.lettersTab), QCoreApplication.translate("Client360", u"&Letters", None))
        self.tabs.setTabText(self.tabs.indexOf(self.assignmentsTab), QCoreApplication.translate("Client360", u"Assi&gnments", None))
    # retranslateUi

