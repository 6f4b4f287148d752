; Inno Setup script of the Linli Kiosk (Windows counter PC). Build the program first on a
; Windows machine (docs/windows.md):  py -3.11 packaging\build.py
; then:  "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\linli.iss
; Output: dist\linli-kiosk-setup-<version>.exe
;
; What it does: installs dist\linli-kiosk\ into Program Files, a Start-menu entry, an optional
; "start at login" entry (HKCU Run key, this user only), and leaves the data folder
; (%LOCALAPPDATA%\Linli\linli-kiosk, platformdirs) alone on upgrade AND on uninstall: the
; ledger and its backups are the store's records, never the installer's to delete.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Linli Kiosk"
; linli-kiosk.exe: no console window; kiosk.exe: the same program for the command line
#define AppExe "linli-kiosk.exe"
#define CliExe "kiosk.exe"

[Setup]
AppId={{7C1E5C2A-4F0B-4C84-9E59-2A1C6E0B1F16}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Linli
DefaultDirName={autopf}\Linli Kiosk
DefaultGroupName=Linli Kiosk
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=linli-kiosk-setup-{#AppVersion}
SetupIconFile=..\..\build\package\linli.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
; a running kiosk holds its files: ask to close it (the ledger is safe, it commits each pickup)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "autostart"; Description: "开机登录后自动启动 (start when this user logs in)"; Flags: checkedonce
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Files]
Source: "..\..\dist\linli-kiosk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Linli Kiosk"; Filename: "{app}\{#AppExe}"; Parameters: "run"; WorkingDir: "{app}"
Name: "{group}\Linli Kiosk doctor (support)"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" doctor"; WorkingDir: "{app}"
Name: "{autodesktop}\Linli Kiosk"; Filename: "{app}\{#AppExe}"; Parameters: "run"; Tasks: desktopicon

[Registry]
; start at login for the user who installs (the counter account); linli-kiosk.exe has no
; console window
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "LinliKiosk"; ValueData: """{app}\{#AppExe}"" run"; Flags: uninsdeletevalue; Tasks: autostart

[Run]
; a backup of an existing ledger before the new version migrates it (the kiosk also does it)
Filename: "{app}\{#CliExe}"; Parameters: "backup"; Flags: runhidden skipifdoesntexist; StatusMsg: "Backing up the ledger…"; Check: LedgerExists
Filename: "{app}\{#AppExe}"; Parameters: "run"; Description: "现在启动 (start now)"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; nothing in the data folder: the ledger and backups stay (%LOCALAPPDATA%\Linli\linli-kiosk)

[Code]
function LedgerExists(): Boolean;
begin
  Result := FileExists(ExpandConstant('{localappdata}\Linli\linli-kiosk\kiosk.sqlite3'));
end;
