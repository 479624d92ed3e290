; Mini MPP Kiosk — Windows installer (NSIS 3, Unicode).
;
; Built by installer/build.py, which passes VERSION, VERSION4 (a.b.c.d), BUNDLE_DIR (the PyInstaller
; one-folder bundle), OUTFILE, ICON, README and TOOLS_DIR. On Linux it also passes STANDIN: the Linux
; bundle is the payload, only to check this script on every build; that file is never shipped.
;
; Per-machine: the program in Program Files, the data of every user of the PC in
; ProgramData\Mini MPP Kiosk\data (system variable KIOSK_DATA_DIR), readable only by the account that
; installs and runs the kiosk, administrators and SYSTEM; an upgrade or uninstall leaves it alone unless asked.
;
; Silent use for roll-outs:
;   mini-mpp-kiosk-X.Y.Z-setup.exe /S [/AUTOSTART=1|0] [/DESKTOP=1] [/HUB=1] (then: kiosk-cli setup --non-interactive ...)
;   "C:\Program Files\Mini MPP Kiosk\uninstall.exe" /S [/PURGE]           (/PURGE also deletes the data)

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
!ifdef STANDIN
  SetCompress off  ; the stand-in build only proves the script compiles: no time spent compressing
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh
!include Sections.nsh
!include WinMessages.nsh

!ifndef VERSION | VERSION4 | BUNDLE_DIR | OUTFILE | README | TOOLS_DIR
  !error "VERSION, VERSION4, BUNDLE_DIR, OUTFILE, README and TOOLS_DIR are required: run installer/build.py"
!endif

!define APP "Mini MPP Kiosk"
!define APPKEY "MiniMPPKiosk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define RUNKEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define ENVKEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
!define GUI_EXE "kiosk.exe"
!define CLI_EXE "kiosk-cli.exe"
!define USERS_SID "*S-1-5-32-545"  ; BUILTIN\Users, whatever the Windows display language
!define HUBTASK "Mini MPP Hub"      ; the scheduled task of a headless hub box
!define ADMINS_SID "*S-1-5-32-544"  ; BUILTIN\Administrators
!define SYSTEM_SID "*S-1-5-18"  ; LocalSystem (services, backups by the system)

!ifndef STANDIN
  !if ! /FileExists "${BUNDLE_DIR}\${GUI_EXE}"
    !error "${BUNDLE_DIR}\${GUI_EXE} is missing: build the bundle on Windows first (installer/build.py)"
  !endif
  !if ! /FileExists "${BUNDLE_DIR}\${CLI_EXE}"
    !error "${BUNDLE_DIR}\${CLI_EXE} is missing: build the bundle on Windows first (installer/build.py)"
  !endif
!endif

Name "${APP}"
Caption "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

Var DataDir
Var KioskUser

; --- pages -------------------------------------------------------------------------------------------

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchAsUser

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

LangString Need64 ${LANG_INDONESIAN} "${APP} memerlukan Windows 64-bit (Windows 10 atau 11)."
LangString Need64 ${LANG_ENGLISH} "${APP} needs 64-bit Windows (Windows 10 or 11)."
LangString RunNow ${LANG_INDONESIAN} "Jalankan ${APP} sekarang (pengaturan awal pada pemakaian pertama)"
LangString RunNow ${LANG_ENGLISH} "Run ${APP} now (first run opens the setup wizard)"
LangString SecAutostartName ${LANG_INDONESIAN} "Mulai otomatis saat logon, dalam peran yang dipilih saat setup"
LangString SecAutostartName ${LANG_ENGLISH} "Start at logon, in the role chosen at setup"
LangString SecHubName ${LANG_INDONESIAN} "Hub situs tanpa layar: jalankan `kiosk hub serve` saat PC menyala (tanpa logon)"
LangString SecHubName ${LANG_ENGLISH} "Headless site hub: run `kiosk hub serve` when the PC starts (no logon needed)"
LangString SecDesktopName ${LANG_INDONESIAN} "Ikon di desktop"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop icon"
LangString SecUnDataName ${LANG_INDONESIAN} "Hapus juga data (antrian, permohonan, pengaturan) - tidak bisa dibatalkan"
LangString SecUnDataName ${LANG_ENGLISH} "Also delete the data (queue, applications, settings) - cannot be undone"
LangString DataKept ${LANG_INDONESIAN} "Data tetap disimpan di"
LangString DataKept ${LANG_ENGLISH} "The data is kept in"
LangString DataElsewhere ${LANG_INDONESIAN} "Data di luar folder ${APP} tidak dihapus otomatis:"
LangString DataElsewhere ${LANG_ENGLISH} "Data outside the ${APP} folder is not deleted automatically:"

; --- install -----------------------------------------------------------------------------------------

!macro StopRunningApp un
  Function ${un}StopRunningApp
    ; Closing the app mid-write is safe: every commit is on disk (SQLite WAL, synchronous=FULL).
    nsExec::ExecToLog '"$SYSDIR\taskkill.exe" /F /T /IM ${GUI_EXE}'
    Pop $0
    nsExec::ExecToLog '"$SYSDIR\taskkill.exe" /F /T /IM ${CLI_EXE}'
    Pop $0
    ${If} $0 == 0
      Sleep 1000
    ${EndIf}
  FunctionEnd
!macroend
!insertmacro StopRunningApp ""
!insertmacro StopRunningApp "un."

Section "-Program" SecProgram
  SectionIn RO
  Call StopRunningApp
  ; Upgrade in place: the previous version's program files go first, so two versions' modules never
  ; mix. Data and settings are in ProgramData and are not touched; the app migrates the database on
  ; its next start (taking a copy first).
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*"
  File "/oname=README.md" "${README}"
  SetOutPath "$INSTDIR\tools"
  File "${TOOLS_DIR}\shell-launcher.ps1"

  ; One data dir for every user of this PC. A value set before (by hand, or by an earlier install) wins.
  ReadRegStr $DataDir HKLM "${ENVKEY}" "KIOSK_DATA_DIR"
  ${If} $DataDir == ""
    StrCpy $DataDir "$APPDATA\${APP}\data"
    WriteRegExpandStr HKLM "${ENVKEY}" "KIOSK_DATA_DIR" "$DataDir"
    SendMessage ${HWND_BROADCAST} ${WM_WININICHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
  System::Call 'kernel32::SetEnvironmentVariable(t "KIOSK_DATA_DIR", t "$DataDir")i'
  CreateDirectory "$DataDir"
  ; Citizens' data and this PC's secrets (UU 27/2022): only the account that installs and runs the
  ; kiosk, administrators and SYSTEM may open the data dir. Inheritance from ProgramData (where Users
  ; may read) is cut; files created later inherit these entries. An earlier version's grant to
  ; BUILTIN\Users is taken away. Install as the kiosk's account (or run icacls /grant for it after).
  System::Call 'advapi32::GetUserNameW(w .r1, *i ${NSIS_MAX_STRLEN}) i .r0'
  StrCpy $KioskUser $1
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$DataDir" /inheritance:r /grant:r "$KioskUser:(OI)(CI)F" /grant:r ${ADMINS_SID}:(OI)(CI)F /grant:r ${SYSTEM_SID}:(OI)(CI)F /T /C /Q'
  Pop $0
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$DataDir" /remove:g ${USERS_SID} /T /C /Q'
  Pop $0

  ; Start menu: Kiosk, Setup, Diagnostics. Shortcuts start in $INSTDIR (the current SetOutPath).
  SetOutPath "$INSTDIR"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortCut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${GUI_EXE}"
  CreateShortCut "$SMPROGRAMS\${APP}\${APP} - Setup.lnk" "$INSTDIR\${GUI_EXE}" "setup" "$INSTDIR\${GUI_EXE}" 0
  CreateShortCut "$SMPROGRAMS\${APP}\${APP} - Diagnostics.lnk" "$SYSDIR\cmd.exe" \
      '/k "${CLI_EXE}" doctor' "$INSTDIR\${GUI_EXE}" 0
  CreateShortCut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "${APP}"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE}"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

; After a power cut Windows logs on (autologon) and the Run key starts the app in its configured role.
; For a locked-down kiosk PC see tools\shell-launcher.ps1 (Windows Enterprise/Education/IoT).
Section "$(SecAutostartName)" SecAutostart
  WriteRegStr HKLM "${RUNKEY}" "${APPKEY}" '"$INSTDIR\${GUI_EXE}"'
SectionEnd

; A hub PC with a screen serves the hub from the app itself (hub.serve, set by the wizard). A box without
; one runs the hub as a task at boot, as SYSTEM, restarted by Task Scheduler if it stops (a power cut ends
; in a reboot, and the hub is back before anyone logs on). KIOSK_DATA_DIR is a system variable, so the
; task finds the same data dir as the app.
Section /o "$(SecHubName)" SecHub
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Create /F /TN "${HUBTASK}" /SC ONSTART /RU SYSTEM /RL HIGHEST \
      /TR "\"$INSTDIR\${CLI_EXE}\" hub serve"'
  Pop $0
  ; Allow the hub's port (8710, HTTPS) and the TV page's (8711) through Windows Firewall on private networks.
  nsExec::ExecToLog '"$SYSDIR\netsh.exe" advfirewall firewall add rule name="${HUBTASK}" dir=in action=allow \
      protocol=TCP localport=8710,8711 profile=private,domain program="$INSTDIR\${CLI_EXE}"'
  Pop $0
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Run /TN "${HUBTASK}"'
  Pop $0
SectionEnd

Section /o "$(SecDesktopName)" SecDesktop
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\${GUI_EXE}"
SectionEnd

Section "-Cleanup"
  ${IfNot} ${SectionIsSelected} ${SecAutostart}
    DeleteRegValue HKLM "${RUNKEY}" "${APPKEY}"
  ${EndIf}
  ${IfNot} ${SectionIsSelected} ${SecDesktop}
    Delete "$DESKTOP\${APP}.lnk"
  ${EndIf}
  ${IfNot} ${SectionIsSelected} ${SecHub}
    Call RemoveHubTask
  ${EndIf}
SectionEnd

!macro RemoveHubTask un
Function ${un}RemoveHubTask
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /End /TN "${HUBTASK}"'
  Pop $0
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Delete /F /TN "${HUBTASK}"'
  Pop $0
  nsExec::ExecToLog '"$SYSDIR\netsh.exe" advfirewall firewall delete rule name="${HUBTASK}"'
  Pop $0
FunctionEnd
!macroend
!insertmacro RemoveHubTask ""
!insertmacro RemoveHubTask "un."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(Need64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; An earlier install: upgrade it in its folder, and keep its autostart and desktop-icon choices.
  ReadRegStr $0 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
    ReadRegStr $1 HKLM "${RUNKEY}" "${APPKEY}"
    ${If} $1 == ""
      !insertmacro UnselectSection ${SecAutostart}
    ${EndIf}
    ${If} ${FileExists} "$DESKTOP\${APP}.lnk"
      !insertmacro SelectSection ${SecDesktop}
    ${EndIf}
    nsExec::Exec '"$SYSDIR\schtasks.exe" /Query /TN "${HUBTASK}"'
    Pop $1
    ${If} $1 == 0
      !insertmacro SelectSection ${SecHub}
    ${EndIf}
  ${EndIf}
  ; Command line for silent roll-outs: /AUTOSTART=0|1, /DESKTOP=0|1, /HUB=0|1.
  ${GetParameters} $2
  ClearErrors
  ${GetOptions} $2 "/AUTOSTART=" $3
  ${IfNot} ${Errors}
    ${If} $3 == "0"
      !insertmacro UnselectSection ${SecAutostart}
    ${Else}
      !insertmacro SelectSection ${SecAutostart}
    ${EndIf}
  ${EndIf}
  ClearErrors
  ${GetOptions} $2 "/DESKTOP=" $3
  ${IfNot} ${Errors}
    ${If} $3 == "0"
      !insertmacro UnselectSection ${SecDesktop}
    ${Else}
      !insertmacro SelectSection ${SecDesktop}
    ${EndIf}
  ${EndIf}
  ClearErrors
  ${GetOptions} $2 "/HUB=" $3
  ${IfNot} ${Errors}
    ${If} $3 == "0"
      !insertmacro UnselectSection ${SecHub}
    ${Else}
      !insertmacro SelectSection ${SecHub}
    ${EndIf}
  ${EndIf}
FunctionEnd

; Through Explorer, so the app runs as the logged-on user, not elevated like this installer.
Function LaunchAsUser
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${GUI_EXE}"'
FunctionEnd

; --- uninstall ---------------------------------------------------------------------------------------

Section "-un.Program" SecUnProgram
  Call un.StopRunningApp
  Call un.RemoveHubTask
  DeleteRegValue HKLM "${RUNKEY}" "${APPKEY}"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  ; Only what the installer put there: never a recursive delete of a folder someone may have chosen.
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\tools"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTKEY}"
SectionEnd

Section /o "un.$(SecUnDataName)" SecUnData
  ReadRegStr $0 HKLM "${ENVKEY}" "KIOSK_DATA_DIR"
  RMDir /r "$APPDATA\${APP}"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\*.*"
    DetailPrint "$(DataElsewhere) $0"
  ${EndIf}
  DeleteRegValue HKLM "${ENVKEY}" "KIOSK_DATA_DIR"
  SendMessage ${HWND_BROADCAST} ${WM_WININICHANGE} 0 "STR:Environment" /TIMEOUT=5000
SectionEnd

Section "-un.Report"
  ${IfNot} ${SectionIsSelected} ${SecUnData}
    ReadRegStr $0 HKLM "${ENVKEY}" "KIOSK_DATA_DIR"
    DetailPrint "$(DataKept) $0"
  ${EndIf}
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/PURGE" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecUnData}
  ${EndIf}
FunctionEnd
