; Inno Setup script: a per-user Windows installer for the frozen one-folder app (dist\crm\).
;
; NOT BUILT IN THIS REPOSITORY'S CI: it needs Windows and Inno Setup 6 (iscc.exe), neither of which the
; Linux build machine has. Build steps on a Windows machine with Python 3.11 (see README.md, "Windows"):
;   py -3.11 -m venv C:\freeze
;   C:\freeze\Scripts\pip install dist\crm_desktop-<version>-py3-none-any.whl "psycopg[binary]" pyinstaller
;   cd packaging && C:\freeze\Scripts\pyinstaller --noconfirm --distpath ..\dist --workpath ..\build\pyi crm.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=<version> crm.iss
; Output: dist\installer\crm-desktop-<version>-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1D7A52-3E0B-4F5B-9E55-4B7D3C8A1F20}
AppName=证券营业部客户关系管理
AppVerName=证券营业部客户关系管理 {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=CRM Desktop
; Per-user: no administrator rights, installs under %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={userpf}\crm-desktop
DefaultGroupName=证券营业部客户关系管理
DisableProgramGroupPage=yes
OutputDir=..\dist\installer
OutputBaseFilename=crm-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\crm-desktop.exe
ChangesEnvironment=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "addtopath"; Description: "把 crm 命令加入 PATH / Add the crm command to PATH"; Flags: unchecked

[Files]
; The whole PyInstaller folder: crm.exe, crm-desktop.exe and _internal\ (Python, Qt, the app's data).
Source: "..\dist\crm\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\证券营业部客户关系管理"; Filename: "{app}\crm-desktop.exe"
Name: "{group}\演示数据（1,000 位客户）"; Filename: "{app}\crm-desktop.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,证券营业部客户关系管理}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\证券营业部客户关系管理"; Filename: "{app}\crm-desktop.exe"; Tasks: desktopicon

[Registry]
; Per-user PATH entry for crm.exe (removed again by the uninstaller's [Code] below).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\crm-desktop.exe"; Description: "{cm:LaunchProgram,证券营业部客户关系管理}"; \
    Flags: nowait postinstall skipifsilent

; The user's data (%LOCALAPPDATA%\crm-desktop: the SQLite store, logs, letters) is NOT removed on
; uninstall: it is the branch's client data, not part of the program.

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Paths, Dir: string;
  P: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Paths) then
    exit;
  Dir := ';' + ExpandConstant('{app}');
  P := Pos(Uppercase(Dir), Uppercase(Paths));
  if P > 0 then
  begin
    Delete(Paths, P, Length(Dir));
    RegWriteExpandStringValue(HKCU, 'Environment', 'Path', Paths);
  end;
end;
