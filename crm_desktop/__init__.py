"""CRM desktop for securities-brokerage branches (证券营业部客户关系管理)."""

__version__ = "0.1.0"
APP_NAME = "crm-desktop"
ORG_NAME = "crm-desktop"
