; Inno Setup script for Aligner on Windows (https://jrsoftware.org/isinfo.php).
; Build the bundle first (see packaging/README.md), then from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\aligner.iss
; The installer goes to dist\installer\. Per-user install by default: no admin rights needed on a
; school laptop; an administrator may choose "all users" in the dialog.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z (it is aligner.__version__)
#endif

[Setup]
AppId={{6F1C3C2E-5B7A-4E0B-9A55-7E2D1A9C4B10}
AppName=Aligner
AppVersion={#AppVersion}
AppPublisher=Aligner
DefaultDirName={autopf}\Aligner
DefaultGroupName=Aligner
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=aligner-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
; Uninstalling removes the program only. Projects, working copies and backups under
; %LOCALAPPDATA%\Aligner belong to the district and stay.
UninstallDisplayName=Aligner {#AppVersion}

[Files]
Source: "..\..\dist\aligner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Aligner"; Filename: "{app}\aligner.exe"
Name: "{group}\Aligner self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\aligner-cli.exe"" --self-test"
Name: "{autodesktop}\Aligner"; Filename: "{app}\aligner.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; Double-clicking a .aligner file opens it in Aligner (per user, or machine-wide for admins).
Root: HKA; Subkey: "Software\Classes\.aligner"; ValueType: string; ValueName: ""; ValueData: "Aligner.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Aligner.Project"; ValueType: string; ValueName: ""; ValueData: "Aligner project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Aligner.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\aligner.exe"" open ""%1"""

[Run]
; A quiet check that the installed copy works on this laptop before it is first opened.
Filename: "{app}\aligner-cli.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation..."
Filename: "{app}\aligner.exe"; Description: "{cm:LaunchProgram,Aligner}"; Flags: nowait postinstall skipifsilent
