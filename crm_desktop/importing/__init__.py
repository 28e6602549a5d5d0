"""Reading and checking back-office exports (CSV and .xlsx); no Qt, no transactions.

``source`` reads files, ``kinds`` describes each kind's columns, ``values`` parses cells, ``rows``
maps headers and collects errors, ``targets`` checks references and writes through a staging table.
The use case that ties them into one transaction is :mod:`crm_desktop.services.importing`.
"""
